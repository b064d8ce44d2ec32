import { can, type Principal } from "./permissions";

/** The navigation a person sees: only modules that exist and that their roles may open. */
export function navigationFor(principal: Principal): Array<{ to: string; label: string }> {
  const items = [{ to: "/home", label: "首页" }];
  if (can(principal, "person:read")) items.push({ to: "/people", label: "人员" });
  if (can(principal, "org:read")) items.push({ to: "/org", label: "组织机构" });
  items.push({ to: "/account", label: "我的账号" });
  return items;
}
