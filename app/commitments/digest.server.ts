import { portalOrigin } from "~/config.server";
import type { Locale } from "~/i18n/locale";
import { formatDay, localized, translate } from "~/i18n/translate";
import { addDays, vietnamToday } from "~/lib/time";
import { renderEmail } from "~/mail/layout.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { IN_FORCE_STATUSES } from "~/mous/status";
import type { DB } from "~db/schema";
import { claimReminder } from "./reminders.server";

/** How far ahead the digest looks for milestones coming due. */
const DIGEST_HORIZON_DAYS = 14;
/** Lines per section of a digest; the page has the rest. */
const DIGEST_LINES = 10;
const DIGEST_HOUR_VN = 8;

/** The Monday (YYYY-MM-DD, Vietnam) whose digest is due at `now`: on Mondays from 08:00 Asia/Ho_Chi_Minh, else none. */
export function digestWeek(now: Date): string | null {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  return local.getUTCDay() === 1 && local.getUTCHours() >= DIGEST_HOUR_VN ? vietnamToday(now) : null;
}

type Line = { text_vi: string; text_en: string | null; day: string };

/**
 * What one organization should look at this week: its milestones due soon, its milestones late,
 * and reports of other parties waiting for its confirmation. Each list is bounded.
 */
export async function organizationDigest(db: DB, orgId: string, today: string) {
  const base = db
    .selectFrom("milestones")
    .innerJoin("commitments", "commitments.id", "milestones.commitment_id")
    .innerJoin("mous", "mous.id", "commitments.mou_id")
    .select(["milestones.title_vi as text_vi", "milestones.title_en as text_en", "milestones.due_on as day"])
    .where("commitments.org_id", "=", orgId)
    .where("commitments.cancelled_at", "is", null)
    .where("mous.status", "in", [...IN_FORCE_STATUSES])
    .where("milestones.status", "in", ["pending", "in_progress"]);
  const [dueSoon, late, waiting] = await Promise.all([
    base.where("milestones.due_on", ">=", today).where("milestones.due_on", "<=", addDays(today, DIGEST_HORIZON_DAYS)).orderBy("milestones.due_on").limit(DIGEST_LINES).execute(),
    base.where("milestones.due_on", "<", today).orderBy("milestones.due_on").limit(DIGEST_LINES).execute(),
    db
      .selectFrom("progress_updates")
      .innerJoin("commitments", "commitments.id", "progress_updates.commitment_id")
      .innerJoin("mous", "mous.id", "commitments.mou_id")
      .innerJoin("mou_parties", (join) => join.onRef("mou_parties.mou_id", "=", "commitments.mou_id").on("mou_parties.org_id", "=", orgId))
      .select(["commitments.title_vi as text_vi", "commitments.title_en as text_en", "progress_updates.submitted_at as day"])
      .where("progress_updates.status", "=", "submitted")
      .where("commitments.org_id", "!=", orgId)
      .where("mou_parties.accepted_at", "is not", null)
      .where("mous.status", "in", [...IN_FORCE_STATUSES])
      .orderBy("progress_updates.submitted_at")
      .limit(DIGEST_LINES)
      .execute(),
  ]);
  return { dueSoon, late, waiting: waiting.map((w) => ({ ...w, day: w.day ? vietnamToday(new Date(w.day)) : today })) };
}

function section(locale: Locale, heading: string, lines: Line[]): string[] {
  if (!lines.length) return [];
  return [heading, ...lines.map((l) => `• ${localized({ text_vi: l.text_vi, text_en: l.text_en }, "text", locale)} (${formatDay(l.day, locale)})`)];
}

/**
 * The weekly digest: on Mondays from 08:00 (Vietnam), one email per member of each organization
 * with something due, late or waiting, in the member's language, unless they turned it off in
 * /account. Claimed per week, organization and member, so it goes out once.
 */
export async function sendWeeklyDigests(db: DB, now = new Date()): Promise<number> {
  const week = digestWeek(now);
  if (!week) return 0;
  const origin = portalOrigin();
  const orgs = await db
    .selectFrom("mou_parties")
    .innerJoin("mous", "mous.id", "mou_parties.mou_id")
    .select("mou_parties.org_id")
    .distinct()
    .where("mou_parties.accepted_at", "is not", null)
    .where("mous.status", "in", [...IN_FORCE_STATUSES])
    .orderBy("mou_parties.org_id")
    .execute();
  let sent = 0;
  for (const { org_id } of orgs) {
    const digest = await organizationDigest(db, org_id, week);
    if (!digest.dueSoon.length && !digest.late.length && !digest.waiting.length) continue;
    const members = await db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["users.id", "users.email", "users.name", "users.locale"])
      .where("memberships.org_id", "=", org_id)
      .where("users.disabled_at", "is", null)
      .where("users.commitment_digest", "=", 1)
      .orderBy("users.id")
      .execute();
    for (const member of members) {
      await db.transaction().execute(async (trx) => {
        if (!(await claimReminder(trx, `digest:${week}:${org_id}:${member.id}`))) return;
        sent++;
        const locale = member.locale;
        const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
        const { html, text } = renderEmail({
          locale,
          greeting: t("mous.mail.greeting", { name: member.name }),
          heading: t("commitment.digest.heading"),
          paragraphs: [
            ...section(locale, t("commitment.digest.dueSoon", { days: DIGEST_HORIZON_DAYS }), digest.dueSoon),
            ...section(locale, t("commitment.digest.late"), digest.late),
            ...section(locale, t("commitment.digest.waiting"), digest.waiting),
          ],
          action: { label: t("commitment.digest.action"), url: `${origin}/commitments` },
          footnote: t("commitment.digest.optOut", { url: `${origin}/account` }),
        });
        await enqueueEmail(trx, { kind: "commitment.digest", to: member.email, toName: member.name, locale, subject: t("commitment.digest.subject", { date: formatDay(week, locale) }), text, html });
      });
    }
  }
  return sent;
}
