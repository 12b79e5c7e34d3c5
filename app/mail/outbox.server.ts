import { enqueueJob } from "~/jobs/queue.server";
import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { Locale } from "~/i18n/locale";
import type { Tx } from "~db/schema";

/**
 * An attachment is a reference, rendered when the mail is sent by the renderer of that name
 * (given to the mail handler by the server): every attachment is decided at one time, and the
 * mail module needs to know no domain. A renderer that finds nothing (an erased ticket) leaves
 * the attachment out.
 */
export type OutboxAttachment = { filename: string; contentType: string; render: string; ref: string };

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
 * both are written or neither is, and its job (of the same id) delivers it later, with retries.
 */
export async function enqueueEmail(trx: Tx, email: NewEmail): Promise<string> {
  const id = newId();
  await trx
    .insertInto("outbox")
    .values({ id, ...content(email), status: "pending", attempts: 0, created_at: nowIso() })
    .execute();
  await enqueueJob(trx, "mail.send", { outboxId: id }, { id, runAt: email.notBefore });
  return id;
}

/**
 * Puts other words into an email queued earlier in the same transaction, or withdraws it (null):
 * a change can queue its likely email before a lock and correct it under the lock when the outcome
 * differs. No one has read it yet, since neither row is committed.
 */
export async function rewriteEmail(trx: Tx, id: string, email: NewEmail | null): Promise<void> {
  if (email) {
    await trx.updateTable("outbox").set(content(email)).where("id", "=", id).execute();
    return;
  }
  await trx.deleteFrom("jobs").where("id", "=", id).execute();
  await trx.deleteFrom("outbox").where("id", "=", id).execute();
}

function content(email: NewEmail) {
  return {
    kind: email.kind,
    to_address: email.to,
    to_name: email.toName ?? null,
    locale: email.locale,
    subject: email.subject,
    text_body: email.text,
    html_body: email.html,
    attachments: JSON.stringify(email.attachments ?? []),
  };
}
