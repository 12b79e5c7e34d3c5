import type { MessageKey } from "~/i18n/messages";
import { localized, translate } from "~/i18n/translate";
import { renderEmail } from "~/mail/layout.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { organizationAdmins } from "~/mous/notify.server";
import type { Tx } from "~db/schema";

/**
 * Queues one email per admin of an organization, each in the admin's language, in the caller's
 * transaction. Message keys: `<prefix>.subject`, `<prefix>.heading`, `<prefix>.body`, `<prefix>.action`;
 * `{org}` is the organization's name in the reader's language.
 */
export async function mailOrganizationAdmins(trx: Tx, orgId: string, mail: { kind: string; prefix: string; url: string; params?: Record<string, string> }) {
  const org = await trx.selectFrom("organizations").select(["name_vi", "name_en"]).where("id", "=", orgId).executeTakeFirstOrThrow();
  for (const r of await organizationAdmins(trx, orgId)) {
    const params = { ...mail.params, org: localized(org, "name", r.locale) };
    const t = (key: string) => translate(r.locale, `${mail.prefix}.${key}` as MessageKey, params);
    const { html, text } = renderEmail({
      locale: r.locale,
      greeting: translate(r.locale, "mail.greeting", { name: r.name }),
      heading: t("heading"),
      paragraphs: [t("body")],
      action: { label: t("action"), url: mail.url },
    });
    await enqueueEmail(trx, { kind: mail.kind, to: r.email, toName: r.name, locale: r.locale, subject: t("subject"), text, html });
  }
}
