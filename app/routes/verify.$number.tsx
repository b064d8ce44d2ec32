import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { STATE_LABELS } from "~/modules/exams/certificates-list.server";
import { verifyCertificate } from "~/modules/exams/certificates.server";
import certificateStyles from "~/styles/certificates.css";

// Public (no login), outside the _app layout. Shows only what the paper certificate itself shows
// plus its current state, and the holder's masked name: enough to check a certificate in hand.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: certificateStyles }];

export const meta: MetaFunction = () => [{ title: "证书查验结果 · 应急培训考试积分平台" }, { name: "robots", content: "noindex" }];

// The state can change (expiry, revocation): never serve a stale answer from a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const number = (params.number ?? "").slice(0, 40);
  const certificate = await verifyCertificate(context.db, number);
  if (!certificate) return data({ certificate: null, number }, { status: 404 });
  return { certificate: { ...certificate, stateLabel: STATE_LABELS[certificate.state] }, number: certificate.number };
}

export default function VerifyResult() {
  const { certificate, number } = useLoaderData<typeof loader>();
  return (
    <div className="auth-page">
      <div className="auth-card verify-result">
        <h1>证书查验</h1>
        {certificate === null ? (
          <>
            <p className="notice notice--error" role="alert">
              未找到该证书
            </p>
            <p className="muted">
              编号 <span className="verify-number">{number}</span> 不存在。请核对证书上的编号后重新输入。
            </p>
          </>
        ) : (
          <>
            <p>
              <span className={`badge verify-state cert-state--${certificate.state}`}>{certificate.stateLabel}</span>
            </p>
            <dl className="kv">
              <dt>证书类型</dt>
              <dd>{certificate.typeLabel}</dd>
              <dt>证书编号</dt>
              <dd className="verify-number">{certificate.number}</dd>
              <dt>持证人</dt>
              <dd>{certificate.holder}</dd>
              <dt>发证日期</dt>
              <dd>{certificate.issuedOn}</dd>
              <dt>有效期至</dt>
              <dd>{certificate.expiresOn}</dd>
            </dl>
            <img className="verify-qr" src={`/verify/${certificate.number}/qr.svg`} alt="本查验页的二维码" width={160} height={160} />
            <p>
              <a href={`/verify/${certificate.number}/qr.svg`} download={`${certificate.number}.svg`}>
                下载二维码
              </a>
            </p>
          </>
        )}
        <p>
          <Link to="/verify">查验其他证书</Link>
        </p>
      </div>
    </div>
  );
}
