import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { loadAgreementFile } from "~/mous/agreements.server";
import { requireReadableMou } from "~/mous/mous.server";

/** The sealed agreement, byte for byte as issued: parties' members and staff only. `?version=N` for an earlier one. */
export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const db = getDb();
  const { mou } = await requireReadableMou(db, actor, args.params.id ?? "");
  const raw = new URL(args.request.url).searchParams.get("version");
  const version = raw === null ? null : Number(raw);
  if (version !== null && !Number.isInteger(version)) throw new Response("Not found", { status: 404 });
  const file = await loadAgreementFile(db, mou.id, version);
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      ETag: `"${file.sha256}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
