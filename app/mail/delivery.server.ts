import nodemailer, { type Transporter } from "nodemailer";
import { getConfig } from "~/config.server";
import type { Dialect } from "~/db/connection.server";
import type { DB, OutboxEmail } from "~db/schema";
import { renderTicketPdfByCode } from "~/events/ticket-pdf.server";
import type { OutboxAttachment } from "./outbox.server";

/** After this many failed attempts an email is marked failed and waits for staff to resend it. */
export const MAX_ATTEMPTS = 8;
/** A claimed email whose sender died is claimed again after this long. */
const CLAIM_MS = 2 * 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

/**
 * Claims due emails for this process. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several server
 * processes claim at once without taking the same row; SQLite has a single writer. A claim is a
 * lease: if the process dies mid-send, the row is due again when the lease runs out.
 */
export async function claimDueEmails(db: DB, dialect: Dialect, limit: number, now = new Date()): Promise<OutboxEmail[]> {
  const nowIso = now.toISOString();
  let due = db
    .selectFrom("outbox")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", nowIso)]),
        eb.and([eb("status", "=", "sending"), eb("locked_until", "<", nowIso)]),
      ]),
    )
    .orderBy("created_at")
    .limit(limit);
  if (dialect === "postgres") due = due.forUpdate().skipLocked();
  return db
    .updateTable("outbox")
    .set((eb) => ({
      status: "sending",
      locked_until: new Date(now.getTime() + CLAIM_MS).toISOString(),
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "in", due)
    .returningAll()
    .execute();
}

async function loadAttachments(db: DB, raw: string) {
  const list = JSON.parse(raw) as OutboxAttachment[];
  const loaded = await Promise.all(
    list.map(async (a) => {
      if ("ticketCode" in a) {
        // A ticket erased or gone since the email was queued goes out without its PDF.
        const content = await renderTicketPdfByCode(db, a.ticketCode);
        return content ? { filename: a.filename, contentType: a.contentType, content } : null;
      }
      if ("fileId" in a) {
        const file = await db.selectFrom("files").select("content").where("id", "=", a.fileId).executeTakeFirstOrThrow();
        return { filename: a.filename, contentType: a.contentType, content: Buffer.from(file.content) };
      }
      return { filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, "base64") };
    }),
  );
  return loaded.filter((a) => a !== null);
}

export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** Sends what is due; each email is marked sent only after the SMTP server accepted it. Returns how many went out. */
export async function deliverDueEmails(
  db: DB,
  dialect: Dialect,
  transport: Transporter,
  options: { batch?: number; retryBaseMs?: number; from?: string } = {},
): Promise<number> {
  const config = getConfig();
  const claimed = await claimDueEmails(db, dialect, options.batch ?? 20);
  let sent = 0;
  for (const email of claimed) {
    try {
      await transport.sendMail({
        from: options.from ?? config.mailFrom,
        to: email.to_name ? { name: email.to_name, address: email.to_address } : email.to_address,
        subject: email.subject,
        text: email.text_body,
        html: email.html_body,
        attachments: await loadAttachments(db, email.attachments),
        // A stable Message-ID lets a receiving server drop the copy if a retry follows a lost acknowledgement.
        messageId: `<${email.id}@outbox.portal>`,
      });
      await db
        .updateTable("outbox")
        .set({ status: "sent", sent_at: new Date().toISOString(), locked_until: null, last_error: null })
        .where("id", "=", email.id)
        .execute();
      sent += 1;
    } catch (error) {
      const attempts = Number(email.attempts);
      const failed = attempts >= MAX_ATTEMPTS;
      await db
        .updateTable("outbox")
        .set({
          status: failed ? "failed" : "pending",
          locked_until: null,
          last_error: String(error instanceof Error ? error.message : error).slice(0, 1000),
          next_attempt_at: new Date(Date.now() + retryDelayMs(attempts, options.retryBaseMs ?? config.outboxRetryBaseMs)).toISOString(),
        })
        .where("id", "=", email.id)
        .execute();
    }
  }
  return sent;
}
