import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { evidenceFilename, findEvidenceFile } from "~/commitments/evidence.server";
import { findCommitment } from "~/commitments/progress.server";
import { getDb } from "~/db.server";

/** Evidence is for the MoU's parties and staff, like the commitment it supports; always a download. */
export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const commitment = await findCommitment(getDb(), args.params.id ?? "");
  if (!commitment) throw new Response("Not found", { status: 404 });
  requirePermission(actor, { action: "commitment.read", parties: commitment.parties }, { hideAs404: true });
  const file = await findEvidenceFile(getDb(), commitment.id, args.params.fileId ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.mime_type,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(evidenceFilename(file.filename, file.mime_type))}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      ETag: `"${file.sha256}"`,
    },
  });
}
