import { recordAudit } from "~/audit/audit-log.server";
import { nowIso, vietnamToday } from "~/lib/time";
import type { DB } from "~db/schema";
import { statusAfter, statusesBefore, type MouMove } from "./status";

/**
 * Moves sealed MoUs by their dates: "signed" ones whose effective date has come become active;
 * active ones past their expiry date expire, and their commitments become read-only. Each move
 * is one guarded update, so several processes running this at once move each MoU once.
 */
export async function applyMouDates(db: DB, today = vietnamToday()): Promise<{ tookEffect: number; expired: number }> {
  const move = async (kind: MouMove, due: (kind: MouMove) => Promise<string[]>) => {
    let moved = 0;
    for (const id of await due(kind)) {
      await db.transaction().execute(async (trx) => {
        const at = nowIso();
        const row = await trx
          .updateTable("mous")
          .set({ status: statusAfter(kind), updated_at: at })
          .where("id", "=", id)
          .where("status", "in", statusesBefore(kind))
          .returning("id")
          .executeTakeFirst();
        if (!row) return;
        moved++;
        await recordAudit(trx, { actorId: null, actorLabel: "portal", action: `mou.${kind}`, entityType: "mou", entityId: id, after: { status: statusAfter(kind), on: today } });
      });
    }
    return moved;
  };
  const tookEffect = await move("take_effect", async (kind) =>
    (await db.selectFrom("mous").select("id").where("status", "in", statusesBefore(kind)).where("effective_on", "<=", today).execute()).map((r) => r.id),
  );
  const expired = await move("expire", async (kind) =>
    (await db.selectFrom("mous").select("id").where("status", "in", statusesBefore(kind)).where("expires_on", "<", today).execute()).map((r) => r.id),
  );
  return { tookEffect, expired };
}
