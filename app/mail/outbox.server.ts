import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { Locale } from "~/i18n/locale";
import type { Trx } from "~db/schema";

export type OutboxAttachment =
  | { filename: string; contentType: string; fileId: string }
  | { filename: string; contentType: string; content: string /* base64 */ }
  /** A ticket PDF, rendered by the worker when it sends: no PDF is built in the request or its transaction. */
  | { filename: string; contentType: string; ticketCode: string };

export type NewEmail = {
  kind: string;
  to: string;
  toName?: string | null;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
  attachments?: OutboxAttachment[];
  /** Deliver no earlier than this (ISO); default now. */
  notBefore?: string;
};

/**
 * Queues an email. Call it with the transaction that makes the change the email tells about:
 * both are written or neither is, and the worker delivers it later, with retries.
 */
export async function enqueueEmail(trx: Trx, email: NewEmail): Promise<string> {
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto("outbox")
    .values({
      id,
      kind: email.kind,
      to_address: email.to,
      to_name: email.toName ?? null,
      locale: email.locale,
      subject: email.subject,
      text_body: email.text,
      html_body: email.html,
      attachments: JSON.stringify(email.attachments ?? []),
      status: "pending",
      attempts: 0,
      next_attempt_at: email.notBefore ?? now,
      created_at: now,
    })
    .execute();
  return id;
}
