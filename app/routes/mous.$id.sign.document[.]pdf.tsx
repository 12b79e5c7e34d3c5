import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { signingDocumentFor } from "~/mous/signing-documents.server";
import { requireOwnSignatory } from "~/mous/signing.server";

/** The frozen document to sign with one's own certificate, with the CA signatures accepted so far: the designated signatory only. */
export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const db = getDb();
  const { mou, signatory } = await requireOwnSignatory(db, actor, args.params.id ?? "", { bind: false });
  const file = await signingDocumentFor(db, mou, signatory, args.context.origin);
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
