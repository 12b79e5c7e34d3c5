import { recordAudit } from "~/audit/audit-log.server";
import { DomainError } from "~/lib/domain-error";
import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { DB } from "~db/schema";
import { mailAboutMou, partyMembers } from "./notify.server";
import { requireAllPartiesAccepted } from "./signatories.server";
import { canMoveMou, statusAfter } from "./status";
import { createVersion } from "./versions.server";

type Acting = { user: { id: string; name: string }; ip: string; origin: string };

/** Shares the draft with the other parties: it becomes version 1, and from now on every saved change is a version. */
export async function shareMou(db: DB, acting: Acting, mouId: string) {
  await db.transaction().execute(async (trx) => {
    const mou = await trx.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
    if (!canMoveMou("share", mou.status) || mou.shared_at) throw new DomainError("conflict");
    await requireAllPartiesAccepted(trx, mouId);
    const at = nowIso();
    await trx.updateTable("mous").set({ status: statusAfter("share"), shared_at: at, updated_at: at }).where("id", "=", mouId).execute();
    const version = await createVersion(trx, mouId, { createdBy: acting.user.id, at });
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.shared", entityType: "mou", entityId: mouId, after: { version: version.number, hash: version.content_hash }, ip: acting.ip });
    await mailAboutMou(trx, await partyMembers(trx, mouId, { exceptUserId: acting.user.id }), {
      kind: "mou_shared",
      prefix: "mous.mail.shared",
      mou,
      url: `${acting.origin}/mous/${mouId}`,
    });
  });
}

/** Back to review after a decline or a closed signing: the same text, editable again. */
export async function reopenMou(db: DB, acting: Acting, mouId: string) {
  await db.transaction().execute(async (trx) => {
    const mou = await trx.selectFrom("mous").select(["status", "shared_at"]).where("id", "=", mouId).executeTakeFirstOrThrow();
    if (!canMoveMou("reopen", mou.status) || !mou.shared_at) throw new DomainError("conflict");
    await requireAllPartiesAccepted(trx, mouId);
    await trx.updateTable("mous").set({ status: statusAfter("reopen"), updated_at: nowIso() }).where("id", "=", mouId).execute();
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.reopened", entityType: "mou", entityId: mouId, ip: acting.ip });
  });
}

/**
 * Starts an amendment of an active MoU: the working text opens for review again; the signed
 * version and its sealed PDF stay as they are, and the amendment is signed as a new version.
 */
export async function startAmendment(db: DB, acting: Acting, mouId: string) {
  await db.transaction().execute(async (trx) => {
    const mou = await trx.selectFrom("mous").select(["status"]).where("id", "=", mouId).executeTakeFirstOrThrow();
    if (!canMoveMou("amend", mou.status)) throw new DomainError("conflict");
    const at = nowIso();
    await trx.updateTable("mous").set({ status: statusAfter("amend"), updated_at: at }).where("id", "=", mouId).execute();
    // The signed round stays as the record of the sealed version; the same people start a new round.
    const signed = await trx.selectFrom("signatories").selectAll().where("mou_id", "=", mouId).where("superseded_at", "is", null).execute();
    await trx.updateTable("signatories").set({ superseded_at: at }).where("mou_id", "=", mouId).where("superseded_at", "is", null).execute();
    for (const s of signed) {
      await trx
        .insertInto("signatories")
        .values({ id: newId(), mou_id: mouId, party_id: s.party_id, user_id: s.user_id, name: s.name, title: s.title, email: s.email, sign_order: s.sign_order, status: "pending", version_id: null, created_at: at })
        .execute();
    }
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.amendment_started", entityType: "mou", entityId: mouId, ip: acting.ip });
  });
}
