import { z } from "zod";
import { notFound } from "./http.server";

/** Route params through zod; a malformed id is the same 404 as a missing one. */
export function getParams<T extends z.ZodType>(params: Record<string, string | undefined>, schema: T): z.infer<T> {
  const result = schema.safeParse(params);
  if (!result.success) notFound();
  return result.data;
}

export const idParam = z.object({ id: z.coerce.number().int().positive() });
