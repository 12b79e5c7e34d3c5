import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

/**
 * Reads a form that may carry a file, refusing any part larger than `maxBytes` while it streams in
 * (nothing oversized is held in memory). A plain urlencoded form is read as usual.
 */
export async function readUploadForm(
  request: Request,
  maxBytes: number
): Promise<{ ok: true; form: FormData } | { ok: false; tooBig: true }> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return { ok: true, form: await request.formData() };
  try {
    return {
      ok: true,
      form: await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes })),
    };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, tooBig: true };
    throw error;
  }
}
