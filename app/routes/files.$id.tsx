import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { findPublicImage } from "~/files/files.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const file = await findPublicImage(getDb(), params.id ?? "");
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
