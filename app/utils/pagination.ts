import { z } from "zod";

export const PAGE_SIZE = 50;

export const pageParam = z.coerce.number().int().min(1).max(100000).catch(1);

export function pageWindow(page: number, pageSize = PAGE_SIZE) {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.ceil(total / pageSize);
}
