import { portalOrigin } from "~/config.server";
import { localized } from "~/i18n/translate";
import { mailAboutMou, partyMembers } from "~/mous/notify.server";
import type { Tx } from "~db/schema";

export type CommitmentMailFacts = {
  id: string;
  mou_id: string;
  org_id: string;
  title_vi: string;
  title_en: string | null;
  reference: string;
  mou_title_vi: string;
  mou_title_en: string | null;
};

function mouFacts(c: CommitmentMailFacts) {
  return { reference: c.reference, title_vi: c.mou_title_vi, title_en: c.mou_title_en ?? c.mou_title_vi };
}

/**
 * Asks the other parties' members to confirm (or return) a report the owner has just submitted,
 * or (`reminder`) one that has waited too long.
 */
export async function requestConfirmation(trx: Tx, c: CommitmentMailFacts, exceptUserId: string | null, reminder = false): Promise<void> {
  const parties = await trx.selectFrom("mou_parties").select("org_id").where("mou_id", "=", c.mou_id).where("accepted_at", "is not", null).execute();
  const others = parties.map((p) => p.org_id).filter((id) => id !== c.org_id);
  if (!others.length) return;
  const recipients = await partyMembers(trx, c.mou_id, { orgIds: others, exceptUserId: exceptUserId ?? undefined });
  await mailAboutMou(trx, recipients, {
    kind: reminder ? "commitment.confirm-reminder" : "commitment.confirm-request",
    prefix: reminder ? "commitment.mail.confirmReminder" : "commitment.mail.confirm",
    mou: mouFacts(c),
    url: `${portalOrigin()}/commitments/${c.id}`,
    localParams: (locale) => ({ commitment: localized({ title_vi: c.title_vi, title_en: c.title_en }, "title", locale) }),
  });
}

/** Tells the owner's members that a report came back, with the comment that says why. */
export async function notifyReturned(trx: Tx, c: CommitmentMailFacts, comment: string, exceptUserId: string): Promise<void> {
  const recipients = await partyMembers(trx, c.mou_id, { orgIds: [c.org_id], exceptUserId });
  await mailAboutMou(trx, recipients, {
    kind: "commitment.returned",
    prefix: "commitment.mail.returned",
    mou: mouFacts(c),
    url: `${portalOrigin()}/commitments/${c.id}`,
    params: { comment },
    localParams: (locale) => ({ commitment: localized({ title_vi: c.title_vi, title_en: c.title_en }, "title", locale) }),
  });
}
