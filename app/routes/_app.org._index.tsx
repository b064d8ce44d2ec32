import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { can } from "~/modules/auth/permissions";
import { unitsInScope } from "~/modules/org/list.server";
import { ORG_UNIT_TYPE_LABELS } from "~/modules/org/org-types";
import { buildTree, type TreeNode } from "~/modules/org/tree";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "组织机构 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "org:read");
  const includeInactive = new URL(args.request.url).searchParams.get("inactive") === "1";
  const units = await unitsInScope(args.context.db, user, "org:read", { includeInactive });
  return { tree: buildTree(units), total: units.length, canWrite: can(user, "org:write") };
}

function UnitNode({ node, depth }: { node: TreeNode; depth: number }) {
  const label = (
    <>
      <Link to={`/org/${node.id}`}>{node.name}</Link>
      <span className="badge">{ORG_UNIT_TYPE_LABELS[node.type]}</span>
      {node.active ? null : <span className="badge badge--off">已停用</span>}
      {node.children.length > 0 ? <span className="muted"> （{node.children.length}）</span> : null}
    </>
  );
  if (node.children.length === 0) return <li>{label}</li>;
  return (
    <li>
      <details open={depth < 1}>
        <summary>{label}</summary>
        <ul>
          {node.children.map((child) => (
            <UnitNode key={child.id} node={child} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export default function OrgTree() {
  const { tree, total } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const showingInactive = params.get("inactive") === "1";
  return (
    <>
      <div className="page-header">
        <h1>组织机构</h1>
        <span className="muted">共 {total} 个单位</span>
        <Link className="btn" to={showingInactive ? "/org" : "/org?inactive=1"}>
          {showingInactive ? "隐藏已停用单位" : "显示已停用单位"}
        </Link>
      </div>
      <div className="card">
        <ul className="tree">
          {tree.map((node) => (
            <UnitNode key={node.id} node={node} depth={0} />
          ))}
        </ul>
      </div>
    </>
  );
}
