import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormMessage } from "~/components/form";
import { syllabusWithVersions, versionPlan } from "~/modules/syllabus/admin.server";
import { tierRow, versionRow } from "~/modules/syllabus/present";
import { PlanTable, VersionBadges, VersionHistory } from "~/modules/syllabus/version-view";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { getParams } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.syllabus.title} 第 ${data.version.version} 版 · 培训大纲` : "培训大纲" },
];

const params = z.object({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "syllabus:manage");
  const { id, version: number } = getParams(args.params, params);
  const syllabus = await syllabusWithVersions(args.context.db, id);
  const version = syllabus?.versions.find((v) => v.version === number);
  if (!syllabus || !version) notFound();
  const plan = await versionPlan(args.context.db, version.id);
  return {
    syllabus: { id: syllabus.id, year: syllabus.year, title: syllabus.title },
    version: { ...versionRow(version), description: version.description, tiers: plan.map(tierRow) },
    versions: syllabus.versions.map(versionRow),
  };
}

export default function SyllabusVersionPage() {
  const { syllabus, version, versions } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>
          {syllabus.year} 年度 · {syllabus.title} · 第 {version.version} 版
        </h1>
        <VersionBadges status={version.status} inForce={version.inForce} />
        <Link className="btn" to={`/syllabus/${syllabus.id}`}>
          返回大纲
        </Link>
      </div>
      {version.status === "draft" ? (
        <FormMessage tone="info">
          这是尚未发布的草稿，请在<Link to={`/syllabus/${syllabus.id}`}>大纲管理页</Link>中编辑和发布。
        </FormMessage>
      ) : (
        <p className="muted">
          发布于 {version.publishedAt}
          {version.publishedByName ? `（${version.publishedByName}）` : ""}。已发布的版本不能修改。
        </p>
      )}
      <section className="card">
        {version.description ? <p style={{ whiteSpace: "pre-line", marginTop: 0 }}>{version.description}</p> : <p className="muted">（无说明）</p>}
        <PlanTable tiers={version.tiers} />
      </section>
      <h2>版本历史</h2>
      <VersionHistory syllabusId={syllabus.id} versions={versions} current={version.version} />
    </>
  );
}
