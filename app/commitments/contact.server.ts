import { DomainError } from "~/lib/domain-error";
import { nowIso } from "~/lib/time";
import type { DB, Trx, Tx } from "~db/schema";
import { withStatusChange } from "./confirmation.server";
import { recordCommitmentStep, type Acting } from "./timeline.server";

/** People offered in one contact picker: more than the organizations of one MoU have. */
const MAX_CANDIDATES = 1000;

export type ContactCandidate = { org_id: string; user_id: string; name: string };

/** Members of these organizations with a usable account, by name: who may be a commitment's contact person. */
export async function listContactCandidates(db: Trx, orgIds: string[]): Promise<ContactCandidate[]> {
  if (!orgIds.length) return [];
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["memberships.org_id", "users.id as user_id", "users.name"])
    .where("memberships.org_id", "in", orgIds)
    .where("users.disabled_at", "is", null)
    .orderBy("memberships.org_id")
    .orderBy("users.name")
    .orderBy("users.id")
    .limit(MAX_CANDIDATES)
    .execute();
}

/** Whether this person can be the contact for a commitment of this organization: one of its members. */
export async function isContactCandidate(db: Trx, orgId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.id")
    .where("memberships.org_id", "=", orgId)
    .where("users.id", "=", userId)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

async function contactName(trx: Tx, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  return (await trx.selectFrom("users").select("name").where("id", "=", userId).executeTakeFirst())?.name ?? null;
}

/**
 * Names (or clears) the person reminders go to besides the owner's admins. After signing this is a
 * plan change like a milestone's: on the timeline the other parties read, and in the audit log.
 * Returns false when the person is not a member of the owner organization.
 */
export async function setCommitmentContact(db: DB, commitmentId: string, userId: string | null, actor: Acting): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const commitment = await trx.selectFrom("commitments").select(["org_id", "contact_user_id"]).where("id", "=", commitmentId).executeTakeFirst();
    if (!commitment) throw new DomainError("notFound");
    if (userId && !(await isContactCandidate(trx, commitment.org_id, userId))) return false;
    if (commitment.contact_user_id === userId) return true;
    const at = nowIso();
    // Not a status input, but written like every change to a commitment: its status brought up to today with it.
    await withStatusChange(trx, commitmentId, actor, async () => {
      await trx.updateTable("commitments").set({ contact_user_id: userId, updated_at: at }).where("id", "=", commitmentId).execute();
      await recordCommitmentStep(trx, actor, {
        commitmentId,
        kind: "contact.changed",
        before: { contact: await contactName(trx, commitment.contact_user_id) },
        after: { contact: await contactName(trx, userId) },
        at,
      });
    });
    return true;
  });
}
