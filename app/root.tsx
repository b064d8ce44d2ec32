import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import appStyles from "~/styles/app.css";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "应急培训考试积分平台" }];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // Marks the document once React owns it (on error pages too), so styles and browser tests can
  // tell a page whose buttons already run in the client from one still answering with form posts.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#b3261e" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = "出错了";
  let detail = "系统遇到意外错误，已记录日志。请稍后重试，或联系管理员。";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "页面不存在";
      detail = typeof error.data === "string" && error.data ? error.data : "您访问的页面不存在，或您无权访问。";
    } else if (error.status === 403) {
      title = "无权访问";
      detail = typeof error.data === "string" ? error.data : detail;
    } else {
      title = `错误 ${error.status}`;
      detail = typeof error.data === "string" ? error.data : detail;
    }
  }
  return (
    <main className="error-page">
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href="/home">返回首页</a>
      </p>
    </main>
  );
}
