import { json, unstable_parseMultipartFormData as parseMultipartFormData } from "@remix-run/node";
import { getLocale } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/locale";
import { MAX_FIELDS } from "./field-names.server";

/** A form without files: the longest MoU draft is a few hundred kilobytes. */
export const MAX_FORM_BYTES = 1024 * 1024;
const MAX_TEXT_PART = 64 * 1024;
/** Stands in for a file over the limit: its bytes were counted, not kept. */
const TOO_LARGE = "\u0000too-large";

export type FormRefusal = { ok: false; error: "unreadable" } | { ok: false; error: "tooLarge"; maxBytes: number } | { ok: false; error: "tooManyFields" };
export type UploadForm = { ok: true; form: FormData } | FormRefusal;

/** PostgreSQL cannot store U+0000 in text and no form has a use for it: it never reaches the routes. */
function withoutNul(text: string): string {
  return text.replace(/\u0000/g, "");
}

/** Thrown inside the reader when the sender passes a limit; never leaves this module. */
class LimitPassed extends Error {
  constructor(readonly error: "tooLarge" | "tooManyFields") {
    super(error);
  }
}

/**
 * The body as it arrives, stopped with `LimitPassed` once it passes `maxBytes`. The rest is left
 * unread, not cancelled: cancelling destroys the socket before our answer reaches the browser (the
 * HTTP layer closes the connection after the answer instead, see request-limits.server.ts).
 */
function boundedBody(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      size += value.byteLength;
      if (size > maxBytes) {
        reader.releaseLock();
        controller.error(new LimitPassed("tooLarge"));
        return;
      }
      controller.enqueue(value);
    },
  });
}

async function readUrlEncoded(body: ReadableStream<Uint8Array>): Promise<FormData> {
  const chunks: Uint8Array[] = [];
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  const text = Buffer.concat(chunks).toString("utf8");
  // Counted before parsing: a megabyte of `&` is half a million empty fields.
  if (text.split("&", MAX_FIELDS + 1).length > MAX_FIELDS) throw new LimitPassed("tooManyFields");
  const form = new FormData();
  for (const [key, value] of new URLSearchParams(text)) form.append(withoutNul(key), withoutNul(value));
  return form;
}

async function readMultipart(request: Request, body: ReadableStream<Uint8Array>, maxFileBytes: number): Promise<FormData> {
  let parts = 0;
  const counted = new Request(request.url, { method: "POST", headers: request.headers, body, duplex: "half" } as RequestInit);
  const form = await parseMultipartFormData(counted, async ({ filename, contentType, data }) => {
    if (++parts > MAX_FIELDS) throw new LimitPassed("tooManyFields");
    const limit = filename === undefined ? MAX_TEXT_PART : maxFileBytes;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      if (size < limit) chunks.push(chunk.subarray(0, limit - size));
      size += chunk.length;
    }
    if (filename === undefined) return withoutNul(Buffer.concat(chunks).toString("utf8"));
    if (size > limit) return TOO_LARGE;
    return new File([new Uint8Array(Buffer.concat(chunks))], withoutNul(filename), { type: contentType });
  });
  // Part names come from the sender too.
  const clean = new FormData();
  for (const [name, value] of form) clean.append(withoutNul(name), value);
  return clean;
}

/**
 * Reads a form that may carry files, never holding more than the form limit plus `maxFiles` files
 * of `maxFileBytes` (and one more): a declared length over that is refused before reading, a longer body is
 * refused when it passes it. Within that, a file over `maxFileBytes` is counted, not kept, and
 * left in the form as a marker `isTooLarge` recognises, so the page can say so next to its field;
 * text parts are cut at 64 KB. A form without a file (buttons without JavaScript, a script) is
 * read as the usual urlencoded form. A body that is not a readable form is bad input, not a crash.
 */
export async function readUploadForm(request: Request, { maxFileBytes, maxFiles = 1 }: { maxFileBytes: number; maxFiles?: number }): Promise<UploadForm> {
  // No type at all is read as urlencoded, what a form sends by default; anything else is not a form.
  const type = request.headers.get("content-type") || "application/x-www-form-urlencoded";
  const multipart = /^multipart\/form-data\b/i.test(type);
  if (!multipart && !/^application\/x-www-form-urlencoded\b/i.test(type)) return { ok: false, error: "unreadable" };
  // One file's worth of slack: a photo a little over its limit is told next to its field (400)
  // rather than refused with the whole form (413).
  const maxBytes = multipart ? MAX_FORM_BYTES + (maxFiles + (maxFiles > 0 ? 1 : 0)) * maxFileBytes : MAX_FORM_BYTES;
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return { ok: false, error: "tooLarge", maxBytes };
  if (!request.body) return { ok: true, form: new FormData() };
  const body = boundedBody(request.body, maxBytes);
  try {
    return { ok: true, form: multipart ? await readMultipart(request, body, maxFileBytes) : await readUrlEncoded(body) };
  } catch (error) {
    if (error instanceof LimitPassed) return error.error === "tooLarge" ? { ok: false, error: "tooLarge", maxBytes } : { ok: false, error: "tooManyFields" };
    // The parser throws on a missing or broken boundary and on a truncated body: the client's fault.
    return { ok: false, error: "unreadable" };
  }
}

/** The status and the reader's message for a form that was refused. */
export function describeRefusal(locale: Locale, refusal: FormRefusal, unreadable: MessageKey = "request.unreadable"): { status: 400 | 413; message: string } {
  switch (refusal.error) {
    case "unreadable":
      return { status: 400, message: translate(locale, unreadable) };
    case "tooLarge":
      return { status: 413, message: translate(locale, "request.tooLarge", { max: `${Math.round(refusal.maxBytes / (1024 * 1024))} MB` }) };
    case "tooManyFields":
      return { status: 413, message: translate(locale, "request.tooManyFields", { max: MAX_FIELDS }) };
  }
}

/** Reads a form without files for an action; a form that cannot be read or is over a limit ends the action with 400 or 413. */
export async function readForm(request: Request): Promise<FormData> {
  const read = await readUploadForm(request, { maxFileBytes: 0, maxFiles: 0 });
  if (read.ok) return read.form;
  const { status, message } = describeRefusal(getLocale(request), read);
  throw json(message, { status });
}

/** Whether a form entry is a file that was over the limit given to `readUploadForm`. */
export function isTooLarge(entry: FormDataEntryValue | null): boolean {
  return entry === TOO_LARGE;
}
