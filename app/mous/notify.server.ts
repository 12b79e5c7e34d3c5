import type { Locale } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { localized, translate } from "~/i18n/translate";
import { renderEmail } from "~/mail/layout.server";
import { enqueueEmail, type OutboxAttachment } from "~/mail/outbox.server";
import type { Trx, Tx } from "~db/schema";

export type Recipient = { email: string; name: string; locale: Locale };

/**
 * Members of the parties' organizations, once each; `exceptUserId` leaves out the person acting.
 * A party that has not accepted yet is told nothing of the MoU beyond its invitation.
 */
export async function partyMembers(trx: Trx, mouId: string, options: { orgIds?: string[]; exceptUserId?: string } = {}): Promise<Recipient[]> {
  let query = trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .innerJoin("mou_parties", "mou_parties.org_id", "memberships.org_id")
    .select(["users.id", "users.email", "users.name", "users.locale"])
    .where("mou_parties.mou_id", "=", mouId)
    .where("mou_parties.accepted_at", "is not", null)
    .where("users.disabled_at", "is", null);
  if (options.orgIds) query = query.where("memberships.org_id", "in", options.orgIds);
  const rows = await query.execute();
  return dedupe(rows.filter((r) => r.id !== options.exceptUserId));
}

/** The admins of one organization, who answer for it (an invitation to take part in an MoU). */
export async function organizationAdmins(trx: Trx, orgId: string): Promise<Recipient[]> {
  const rows = await trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.email", "users.name", "users.locale"])
    .where("memberships.org_id", "=", orgId)
    .where("memberships.role", "=", "admin")
    .where("users.disabled_at", "is", null)
    .execute();
  return dedupe(rows);
}

/** The signatories, in their account's language when they have one. */
export async function signatoryRecipients(trx: Trx, mouId: string, ids?: string[]): Promise<Recipient[]> {
  let query = trx
    .selectFrom("signatories")
    .leftJoin("users", "users.id", "signatories.user_id")
    .select(["signatories.email", "signatories.name", "users.locale"])
    .where("signatories.mou_id", "=", mouId)
    .where("signatories.superseded_at", "is", null);
  if (ids) query = query.where("signatories.id", "in", ids.length ? ids : [""]);
  return dedupe(await query.execute());
}

function dedupe(rows: { email: string; name: string; locale: Locale | null }[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const r of rows) {
    const key = r.email.toLowerCase();
    if (!seen.has(key)) seen.set(key, { email: r.email, name: r.name, locale: r.locale ?? "vi" });
  }
  return [...seen.values()];
}

export type MouMailFacts = { reference: string; title_vi: string; title_en: string };

/**
 * Queues one email per recipient, each in the recipient's language, in the caller's transaction.
 * Message keys: `<prefix>.subject`, `<prefix>.heading`, `<prefix>.body`, `<prefix>.action`.
 */
export async function mailAboutMou(
  trx: Tx,
  recipients: Recipient[],
  mail: {
    kind: string;
    prefix: string;
    mou: MouMailFacts;
    url: string;
    params?: Record<string, string | number>;
    /** Parameters that depend on the reader's language, such as an organization's name. */
    localParams?: (locale: Locale) => Record<string, string | number>;
    extra?: (locale: Locale) => string[];
    attachments?: OutboxAttachment[];
    notBefore?: string;
  },
) {
  for (const r of recipients) {
    const t = (key: string, params?: Record<string, string | number>) => translate(r.locale, `${mail.prefix}.${key}` as MessageKey, params);
    const params = { reference: mail.mou.reference, title: localized(mail.mou, "title", r.locale), ...mail.params, ...mail.localParams?.(r.locale) };
    const { html, text } = renderEmail({
      locale: r.locale,
      greeting: translate(r.locale, "mous.mail.greeting", { name: r.name }),
      heading: t("heading", params),
      paragraphs: [t("body", params), ...(mail.extra?.(r.locale) ?? [])],
      details: [
        [translate(r.locale, "mous.field.reference"), mail.mou.reference],
        [translate(r.locale, "mous.field.title"), localized(mail.mou, "title", r.locale)],
      ],
      action: { label: t("action", params), url: mail.url },
    });
    await enqueueEmail(trx, {
      kind: mail.kind,
      to: r.email,
      toName: r.name,
      locale: r.locale,
      subject: t("subject", params),
      text,
      html,
      attachments: mail.attachments,
      notBefore: mail.notBefore,
    });
  }
}
