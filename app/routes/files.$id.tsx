import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";

/** Only images meant for public pages (logos, speaker photos, event covers) are served here. */
const PUBLIC_KINDS = ["logo", "speaker_photo", "event_cover"];

export async function loader({ params }: LoaderFunctionArgs) {
  const file = await getDb()
    .selectFrom("files")
    .select(["content", "mime_type", "sha256"])
    .where("id", "=", params.id ?? "")
    .where("kind", "in", PUBLIC_KINDS)
    .executeTakeFirst();
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.mime_type,
      "Cache-Control": "public, max-age=86400",
      ETag: `"${file.sha256}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
