import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { loadPublishedCertificate } from "~/mous/sealing-certificates.server";

/** A sealing certificate published on /verify, as a DER .cer file anyone may import and compare. */
export async function loader({ params }: LoaderFunctionArgs) {
  const fingerprint = String(params.fingerprint ?? "");
  const der = /^[0-9a-f]{64}$/.test(fingerprint) ? await loadPublishedCertificate(getDb(), fingerprint) : null;
  if (!der) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(der), {
    headers: {
      "content-type": "application/pkix-cert",
      "content-disposition": `attachment; filename="portal-seal-${fingerprint.slice(0, 16)}.cer"`,
      "cache-control": "public, max-age=3600",
    },
  });
}
