import type { LoaderFunctionArgs } from "@remix-run/node";
import QRCode from "qrcode";
import { verifyCertificate } from "~/modules/exams/certificates.server";
import { getEnv } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";

// The QR code printed on a certificate: the absolute URL of its public verification page. Only
// for numbers that exist, so this is not a general-purpose QR generator.
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const certificate = await verifyCertificate(context.db, (params.number ?? "").slice(0, 40));
  if (!certificate) notFound("未找到该证书");
  // Behind a proxy the configured public origin is the one a phone can reach.
  const origin = getEnv().APP_ORIGIN ?? new URL(request.url).origin;
  const target = `${origin.replace(/\/$/, "")}/verify/${encodeURIComponent(certificate.number)}`;
  const svg = await QRCode.toString(target, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `inline; filename="${certificate.number}.svg"`,
      "Cache-Control": "public, max-age=86400",
    },
  });
}
