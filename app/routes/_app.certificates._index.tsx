import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FilterActions } from "~/components/filter-actions";
import { FormMessage } from "~/components/form";
import { choicesOf, FieldFilterSelect } from "~/components/list-filters";
import { Pagination } from "~/components/pagination";
import { can } from "~/modules/auth/permissions";
import { CertificateRefusal, EXPIRING_DAYS, listCertificates, mayRevoke, parseCertificateFilters, revokeCertificate } from "~/modules/exams/certificates-list.server";
import { CERTIFICATE_TYPE_LABELS } from "~/modules/exams/exam-schema";
import certificateStyles from "~/styles/certificates.css";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { pageCount, pageParam } from "~/utils/pagination";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: certificateStyles }];

export const meta: MetaFunction = () => [{ title: "证书 · 应急培训考试积分平台" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "certificate:read");
  const search = new URL(args.request.url).searchParams;
  const filters = parseCertificateFilters(search);
  const page = pageParam.parse(search.get("page") ?? undefined);
  const result = await listCertificates(args.context.db, user, filters, page);
  return {
    filters,
    page,
    pageCount: pageCount(result.total),
    total: result.total,
    items: result.items,
    canRevoke: mayRevoke(user),
    canOpenPeople: can(user, "person:read"),
  };
}

const revokeSchema = z.object({
  intent: z.literal("revoke"),
  id: z.coerce.number().int().positive(),
  reason: z.string().trim().min(2, "请填写吊销原因（至少 2 个字）").max(200, "吊销原因不超过 200 字"),
});

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  requirePermission(user, "certificate:read");
  const form = Object.fromEntries(await args.request.formData());
  const parsed = revokeSchema.safeParse(form);
  const id = Number(form.id) || null;
  if (!parsed.success) {
    return data({ ok: false, id, message: null, error: parsed.error.issues[0]?.message ?? "输入有误" }, { status: 400 });
  }
  try {
    await revokeCertificate(args.context.db, user, { id: parsed.data.id, reason: parsed.data.reason });
    return { ok: true, id, message: "证书已吊销", error: null };
  } catch (error) {
    if (!(error instanceof CertificateRefusal)) throw error;
    return data({ ok: false, id, message: error.message, error: null }, { status: 400 });
  }
}

const STATES = [
  { value: "valid", label: "有效" },
  { value: "expired", label: "已过期" },
  { value: "revoked", label: "已吊销" },
] as const;

const EXPIRING = [{ value: "1", label: <>{EXPIRING_DAYS} 天内到期</> }];

export default function Certificates() {
  const { filters, page, pageCount, total, items, canRevoke, canOpenPeople } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const busy = navigation.state !== "idle";
  return (
    <>
      <div className="page-header">
        <h1>证书</h1>
        <a className="btn" href={`/certificates.xlsx${location.search}`} download>
          导出Excel
        </a>
      </div>
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{result.message}</FormMessage> : null}
      <Form method="get" className="filters">
        <FieldFilterSelect label="证书类型" name="type" value={filters.type} anyLabel="全部" choices={choicesOf(CERTIFICATE_TYPE_LABELS)} />
        <FieldFilterSelect label="状态" name="state" value={filters.state} anyLabel="全部" choices={STATES} />
        <FieldFilterSelect label="到期" name="expiring" value={filters.expiring ? "1" : ""} anyLabel="不限" choices={EXPIRING} />
        <label className="field">
          姓名或工号
          <input name="q" defaultValue={filters.q ?? ""} maxLength={50} />
        </label>
        <FilterActions resetTo="/certificates" searching={navigation.state === "loading"} />
      </Form>
      {items.length === 0 ? (
        <p className="muted">没有符合条件的证书。</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>证书编号</th>
                <th>类型</th>
                <th>持证人</th>
                <th>工号</th>
                <th>发证时单位</th>
                <th>考试</th>
                <th>发证日期</th>
                <th>有效期至</th>
                <th>状态</th>
                {canRevoke ? <th>操作</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td className="verify-number">
                    <a href={`/verify/${c.number}`} target="_blank" rel="noreferrer">
                      {c.number}
                    </a>
                  </td>
                  <td>{c.typeLabel}</td>
                  <td>{canOpenPeople ? <Link to={`/people/${c.holderId}`}>{c.holderName}</Link> : c.holderName}</td>
                  <td>{c.employeeNo}</td>
                  <td>{c.unitName}</td>
                  <td>{c.examTitle}</td>
                  <td>{c.issuedOn}</td>
                  <td>{c.expiresOn}</td>
                  <td>
                    <span className={`badge cert-state--${c.state}`}>{c.stateLabel}</span>
                    {c.revokeReason ? <div className="muted">{c.revokeReason}</div> : null}
                  </td>
                  {canRevoke ? (
                    <td>
                      {c.state === "revoked" ? null : (
                        <Form method="post" className="cert-revoke">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="id" value={c.id} />
                          <div className={result?.id === c.id && result.error ? "field field--error" : "field"}>
                            <input id={`reason-${c.id}`} name="reason" placeholder="吊销原因" maxLength={200} aria-label={`${c.number} 吊销原因`} />
                            {result?.id === c.id && result.error ? (
                              <p className="field__error" role="alert">
                                {result.error}
                              </p>
                            ) : null}
                          </div>
                          <button className="btn btn--small btn--danger" type="submit" disabled={busy}>
                            吊销
                          </button>
                        </Form>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} total={total} />
    </>
  );
}
