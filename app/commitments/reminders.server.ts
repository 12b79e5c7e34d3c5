import type { ExpressionBuilder } from "kysely";
import { portalOrigin } from "~/config.server";
import { formatDay, localized } from "~/i18n/translate";
import { addDays, nowIso, vietnamToday } from "~/lib/time";
import { mailAboutMou, organizationAdmins, type Recipient } from "~/mous/notify.server";
import { IN_FORCE_STATUSES } from "~/mous/status";
import type { Database, DB, Tx } from "~db/schema";
import { requestConfirmation } from "./confirmation-mail.server";
import { daysBetween } from "./status";

/** A report waits this long for confirmation before the other parties are reminded. */
export const CONFIRMATION_REMINDER_DAYS = 3;
/** Reminders looked at per run; the next run takes the rest. */
const BATCH = 500;

/**
 * Claims a reminder by its key. The key is the table's primary key, so whichever process inserts
 * it first sends the reminder, in the same transaction; every other process, and every later run
 * after a restart, finds it there and sends nothing.
 */
export async function claimReminder(trx: Tx, key: string): Promise<boolean> {
  const row = await trx
    .insertInto("reminders_sent")
    .values({ key, sent_at: nowIso() })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("key")
    .executeTakeFirst();
  return row !== undefined;
}

/** Commitments whose MoU is sealed and in force: the only ones anybody is reminded about. */
function inForce(eb: ExpressionBuilder<Database, "commitments" | "mous">) {
  return eb.and([
    eb("commitments.cancelled_at", "is", null),
    eb("mous.status", "in", [...IN_FORCE_STATUSES]),
    eb.exists(eb.selectFrom("agreements").select("agreements.id").whereRef("agreements.mou_id", "=", "commitments.mou_id")),
  ]);
}

/** The owner organization's admins and the commitment's contact person, once each. */
async function ownerRecipients(trx: Tx, orgId: string, contactUserId: string | null): Promise<Recipient[]> {
  const admins = await organizationAdmins(trx, orgId);
  const contact = contactUserId
    ? await trx.selectFrom("users").select(["email", "name", "locale"]).where("id", "=", contactUserId).where("disabled_at", "is", null).executeTakeFirst()
    : undefined;
  const all = contact ? [...admins, { email: contact.email, name: contact.name, locale: contact.locale }] : admins;
  return [...new Map(all.map((r) => [r.email.toLowerCase(), r])).values()];
}

type MilestoneReminder = "due-7" | "due-1" | "missed";

/** Which reminder a milestone due on `due` gets today: 7 days before (or on planning, when less), 1 day before, the day after it is missed. */
export function milestoneReminderKind(due: string, today: string): MilestoneReminder | null {
  const days = daysBetween(today, due);
  if (days === -1) return "missed";
  if (days === 0 || days === 1) return "due-1";
  if (days >= 2 && days <= 7) return "due-7";
  return null;
}

/** How late a reminder may still go out when no process ran on its day. */
export const REMINDER_CATCH_UP_DAYS = 7;

/**
 * The reminder a run today sends for a milestone due on `due`: today's, or else the latest one whose
 * day fell in the last `REMINDER_CATCH_UP_DAYS` days (every process may have been down on it). The
 * latest wins, so a 1-day-before reminder is never sent once the milestone is missed; never early.
 */
export function milestoneReminderToSend(due: string, today: string): MilestoneReminder | null {
  for (let late = 0; late <= REMINDER_CATCH_UP_DAYS; late++) {
    const kind = milestoneReminderKind(due, addDays(today, -late));
    if (kind) return kind;
  }
  return null;
}

/**
 * Reminds owners of milestones coming due or just missed, and the other parties of reports
 * waiting for their confirmation. Each reminder is claimed by a key that names what it is about
 * (the milestone and its due date, the report and its submission), so it goes out once.
 */
export async function sendCommitmentReminders(db: DB, now = new Date()): Promise<number> {
  const today = vietnamToday(now);
  const origin = portalOrigin();
  let sent = 0;
  const milestones = await db
    .selectFrom("milestones")
    .innerJoin("commitments", "commitments.id", "milestones.commitment_id")
    .innerJoin("mous", "mous.id", "commitments.mou_id")
    .select([
      "milestones.id",
      "milestones.title_vi",
      "milestones.title_en",
      "milestones.due_on",
      "commitments.id as commitment_id",
      "commitments.org_id",
      "commitments.contact_user_id",
      "commitments.title_vi as commitment_title_vi",
      "commitments.title_en as commitment_title_en",
      "mous.reference",
      "mous.title_vi as mou_title_vi",
      "mous.title_en as mou_title_en",
    ])
    .where("milestones.status", "in", ["pending", "in_progress"])
    .where(inForce)
    .where("milestones.due_on", ">=", addDays(today, -1 - REMINDER_CATCH_UP_DAYS))
    .where("milestones.due_on", "<=", addDays(today, 7))
    .orderBy("milestones.due_on")
    .orderBy("milestones.id")
    .limit(BATCH)
    .execute();
  for (const m of milestones) {
    const kind = milestoneReminderToSend(m.due_on, today);
    if (!kind) continue;
    await db.transaction().execute(async (trx) => {
      if (!(await claimReminder(trx, `milestone-${kind}:${m.id}:${m.due_on}`))) return;
      sent++;
      await mailAboutMou(trx, await ownerRecipients(trx, m.org_id, m.contact_user_id), {
        kind: `commitment.milestone-${kind}`,
        prefix: kind === "missed" ? "commitment.mail.milestoneMissed" : "commitment.mail.milestoneSoon",
        mou: { reference: m.reference, title_vi: m.mou_title_vi, title_en: m.mou_title_en ?? m.mou_title_vi },
        url: `${origin}/commitments/${m.commitment_id}`,
        params: { days: Math.max(0, daysBetween(today, m.due_on)) },
        localParams: (locale) => ({
          milestone: localized(m, "title", locale),
          commitment: localized({ title_vi: m.commitment_title_vi, title_en: m.commitment_title_en }, "title", locale),
          due: formatDay(m.due_on, locale),
        }),
      });
    });
  }

  const waiting = await db
    .selectFrom("progress_updates")
    .innerJoin("commitments", "commitments.id", "progress_updates.commitment_id")
    .innerJoin("mous", "mous.id", "commitments.mou_id")
    .select([
      "progress_updates.id as update_id",
      "progress_updates.submitted_at",
      "commitments.id",
      "commitments.mou_id",
      "commitments.org_id",
      "commitments.title_vi",
      "commitments.title_en",
      "mous.reference",
      "mous.title_vi as mou_title_vi",
      "mous.title_en as mou_title_en",
    ])
    .where("progress_updates.status", "=", "submitted")
    .where("progress_updates.submitted_at", "<=", new Date(now.getTime() - CONFIRMATION_REMINDER_DAYS * 86_400_000).toISOString())
    .where(inForce)
    .orderBy("progress_updates.submitted_at")
    .limit(BATCH)
    .execute();
  for (const u of waiting) {
    await db.transaction().execute(async (trx) => {
      if (!(await claimReminder(trx, `confirm-reminder:${u.update_id}:${u.submitted_at}`))) return;
      sent++;
      await requestConfirmation(trx, u, null, true);
    });
  }
  return sent;
}
