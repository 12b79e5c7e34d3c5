import nodemailer, { type Transporter } from "nodemailer";
import type { JobHandler } from "~/jobs/runner.server";
import type { Locale } from "~/i18n/locale";
import type { DB } from "~db/schema";
import type { OutboxAttachment } from "./outbox.server";

/** Renders one kind of attachment from its reference when the mail goes out; null leaves it out. */
export type AttachmentRenderer = (db: DB, ref: string, mail: { locale: Locale }) => Promise<Buffer | null>;

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

async function renderAttachments(db: DB, raw: string, locale: Locale, renderers: Record<string, AttachmentRenderer>) {
  const list = JSON.parse(raw) as OutboxAttachment[];
  const rendered = await Promise.all(
    list.map(async (a) => {
      const render = renderers[a.render];
      if (!render) throw new Error(`No renderer for attachment "${a.render}"`);
      const content = await render(db, a.ref, { locale });
      return content ? { filename: a.filename, contentType: a.contentType, content } : null;
    }),
  );
  return rendered.filter((a) => a !== null);
}

/**
 * The job that sends one outbox email; the outbox row keeps what happened to it for staff. The
 * email is marked sent only after the SMTP server accepted it.
 */
export function sendMailHandler(transport: Transporter, options: { from: string; renderers: Record<string, AttachmentRenderer> }): JobHandler<{ outboxId: string }> {
  return async (db, { outboxId }, run) => {
    const email = await db.selectFrom("outbox").selectAll().where("id", "=", outboxId).executeTakeFirstOrThrow();
    if (email.status === "sent") return;
    await db.updateTable("outbox").set({ status: "sending", attempts: run.attempts }).where("id", "=", outboxId).execute();
    try {
      await transport.sendMail({
        from: options.from,
        to: email.to_name ? { name: email.to_name, address: email.to_address } : email.to_address,
        subject: email.subject,
        text: email.text_body,
        html: email.html_body,
        attachments: await renderAttachments(db, email.attachments, email.locale, options.renderers),
        // A stable Message-ID lets a receiving server drop the copy if a retry follows a lost acknowledgement.
        messageId: `<${email.id}@outbox.portal>`,
      });
    } catch (error) {
      const message = String(error instanceof Error ? error.message : error).slice(0, 1000);
      await db.updateTable("outbox").set({ status: run.lastAttempt ? "failed" : "pending", last_error: message }).where("id", "=", outboxId).execute();
      throw error;
    }
    await db.updateTable("outbox").set({ status: "sent", sent_at: new Date().toISOString(), last_error: null }).where("id", "=", outboxId).execute();
  };
}
