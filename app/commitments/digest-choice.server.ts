import { recordAudit } from "~/audit/audit-log.server";
import { nowIso } from "~/lib/time";
import type { DB } from "~db/schema";

/** Whether the user receives the weekly commitments digest (on unless they turned it off). */
export async function readDigestChoice(db: DB, userId: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("commitment_digest").where("id", "=", userId).executeTakeFirstOrThrow();
  return Number(row.commitment_digest) === 1;
}

export async function saveDigestChoice(db: DB, userId: string, on: boolean, ip: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ commitment_digest: on ? 1 : 0, updated_at: nowIso() }).where("id", "=", userId).execute();
    await recordAudit(trx, { actorId: userId, action: "account.digest_changed", entityType: "user", entityId: userId, after: { commitment_digest: on }, ip });
  });
}
