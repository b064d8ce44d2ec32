import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { likePrefix } from "#db/sql-helpers";
import { scopesFor, type Action, type Principal } from "./permissions";

/**
 * A where-condition limiting rows to the org subtrees where `principal` may perform `action`.
 * `pathColumn` names the materialised org path of each row (e.g. "o.path" of a joined unit).
 *
 *   .where((eb) => inScope(eb, user, "person:read", "o.path"))
 */
export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  principal: Principal,
  action: Action,
  pathColumn: string,
): Expression<SqlBool> {
  const scopes = scopesFor(principal, action);
  if (scopes === "all") return sql<SqlBool>`1 = 1`;
  if (scopes.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.or(scopes.map((path) => sql<SqlBool>`${sql.ref(pathColumn)} like ${likePrefix(path)}`));
}
