// Choices offered by the instructor form: specialty categories and the courses one may teach.
import type { Db } from "#db/client";
import { listCategories } from "~/modules/courses/courses.server";

export interface CourseChoice {
  id: number;
  title: string;
  category: string;
  categoryName: string;
  published: boolean;
}

/**
 * Categories, and the published courses grouped by category order. Courses the instructor is
 * already linked to stay listed (and checked) after they were archived, so saving keeps them.
 */
export async function instructorFormOptions(db: Db, keepCourseIds: readonly number[] = []) {
  const categories = await listCategories(db);
  let query = db.selectFrom("courses").select(["id", "title", "category", "status"]);
  query =
    keepCourseIds.length > 0
      ? query.where((eb) => eb.or([eb("status", "=", "published"), eb("id", "in", [...keepCourseIds])]))
      : query.where("status", "=", "published");
  const rows = await query.orderBy("id").execute();
  const order = new Map(categories.map((c, i) => [c.code, i]));
  const names = new Map(categories.map((c) => [c.code, c.name]));
  const courses: CourseChoice[] = rows
    .map((r) => ({ id: r.id, title: r.title, category: r.category, categoryName: names.get(r.category) ?? r.category, published: r.status === "published" }))
    .sort((a, b) => (order.get(a.category) ?? 999) - (order.get(b.category) ?? 999) || a.id - b.id);
  return { categories: categories.map((c) => ({ code: c.code, name: c.name })), courses };
}
