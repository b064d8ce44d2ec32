import { Form, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";

export interface NavItem {
  to: string;
  label: string;
}

/** The app frame: brand bar with the user and logout, a scrollable nav row, the page. */
export function Shell({ user, nav, children }: { user: { name: string; unitName: string; roles: string }; nav: NavItem[]; children: ReactNode }) {
  return (
    <>
      <header className="shell-header">
        <a className="shell-brand" href="/home">
          应急培训考试积分平台
        </a>
        <div className="shell-user">
          <span title={user.roles}>
            {user.name} · {user.unitName}
          </span>
          <Form method="post" action="/logout">
            <button type="submit">退出</button>
          </Form>
        </div>
      </header>
      <nav className="shell-nav" aria-label="主导航">
        {nav.map((item) => (
          <NavLink key={item.to} to={item.to} prefetch="intent">
            {item.label}
          </NavLink>
        ))}
      </nav>
      <main className="page">{children}</main>
    </>
  );
}
