import { unstable_parseMultipartFormData as parseMultipartFormData } from "@remix-run/node";

/** Stands in for a file over the limit: its bytes were counted, not kept. */
const TOO_LARGE = "\u0000too-large";
const MAX_TEXT_PART = 64 * 1024;

export type UploadForm = { ok: true; form: FormData } | { ok: false; error: "unreadable" };

/**
 * Reads a form that may carry files. Every part is read to its end, so the browser always gets
 * our answer (a server that stops reading mid-upload resets the connection); a file over
 * `maxFileBytes` is counted, not kept, and left in the form as a marker `isTooLarge` recognises;
 * text parts are cut at 64 KB. A form without a file (buttons without JavaScript, a script) is
 * read as the usual urlencoded form. A body that is not a readable form is bad input, not a crash.
 */
export async function readUploadForm(request: Request, { maxFileBytes }: { maxFileBytes: number }): Promise<UploadForm> {
  try {
    if (!/^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "")) return { ok: true, form: await request.formData() };
    const form = await parseMultipartFormData(request, async ({ filename, contentType, data }) => {
      const limit = filename === undefined ? MAX_TEXT_PART : maxFileBytes;
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        if (size < limit) chunks.push(chunk.subarray(0, limit - size));
        size += chunk.length;
      }
      if (filename === undefined) return Buffer.concat(chunks).toString("utf8");
      if (size > limit) return TOO_LARGE;
      return new File([new Uint8Array(Buffer.concat(chunks))], filename, { type: contentType });
    });
    return { ok: true, form };
  } catch {
    // The parser throws on a missing or broken boundary and on a truncated body: the client's fault.
    return { ok: false, error: "unreadable" };
  }
}

/** Whether a form entry is a file that was over the limit given to `readUploadForm`. */
export function isTooLarge(entry: FormDataEntryValue | null): boolean {
  return entry === TOO_LARGE;
}
