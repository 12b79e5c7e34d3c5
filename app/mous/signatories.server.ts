import { recordAudit } from "~/audit/audit-log.server";
import { DomainError } from "~/lib/domain-error";
import { newId } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { DB, Trx, Tx } from "~db/schema";
import { mailAboutMou, partyMembers, signatoryRecipients, type Recipient } from "./notify.server";
import { canMoveMou, statusAfter } from "./status";
import { buildVersionContent, createVersion, hashVersionContent } from "./versions.server";

type Acting = { user: { id: string; name: string }; ip: string; origin: string };

/** Review and signature are for parties that have agreed to take part: none may still be pending. */
export async function requireAllPartiesAccepted(trx: Trx, mouId: string) {
  const pending = await trx.selectFrom("mou_parties").select("id").where("mou_id", "=", mouId).where("accepted_at", "is", null).executeTakeFirst();
  if (pending) throw new DomainError("conflict", { messageKey: "mous.error.partyPending" });
}

/**
 * An organization that registered itself may draft until staff verify it, but what it sends for
 * signature goes out in its name: the lead must be verified first.
 */
async function requireVerifiedLead(trx: Trx, mouId: string) {
  const unverified = await trx
    .selectFrom("mou_parties")
    .innerJoin("organizations", "organizations.id", "mou_parties.org_id")
    .select("organizations.id")
    .where("mou_parties.mou_id", "=", mouId)
    .where("mou_parties.is_lead", "=", 1)
    .where("organizations.verified", "=", 0)
    .executeTakeFirst();
  if (unverified) throw new DomainError("conflict", { messageKey: "mous.error.leadUnverified" });
}

/**
 * A party names a signatory: an account when the address has one, otherwise the address gets an
 * invitation to create an account (signing needs that account, signed in, with the address verified).
 */
export async function addSignatory(db: DB, acting: Acting, mouId: string, input: { partyId: string; email: string; name: string; title: string | null; identifier?: string | null }) {
  await db.transaction().execute(async (trx) => {
    const mou = await trx.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
    const email = input.email.trim().toLowerCase();
    const duplicate = await trx
      .selectFrom("signatories")
      .select("id")
      .where("mou_id", "=", mouId)
      .where("email", "=", email)
      .where("superseded_at", "is", null)
      .executeTakeFirst();
    if (duplicate) throw new DomainError("conflict", { messageKey: "mous.error.signatoryExists" });
    const user = await trx.selectFrom("users").select(["id", "name", "locale"]).where("email", "=", email).where("disabled_at", "is", null).executeTakeFirst();
    const last = await trx
      .selectFrom("signatories")
      .select((eb) => eb.fn.max("sign_order").as("max"))
      .where("mou_id", "=", mouId)
      .where("superseded_at", "is", null)
      .executeTakeFirst();
    const id = newId();
    await trx
      .insertInto("signatories")
      .values({
        id,
        mou_id: mouId,
        party_id: input.partyId,
        version_id: null,
        user_id: user?.id ?? null,
        name: input.name || user?.name || email,
        title: input.title,
        identifier: input.identifier ?? null,
        email,
        sign_order: Number(last?.max ?? 0) + 1,
        status: "pending",
        created_at: nowIso(),
      })
      .execute();
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.signatory_added", entityType: "mou", entityId: mouId, after: { signatory: id, email }, ip: acting.ip });
    if (!user) {
      const recipient: Recipient = { email, name: input.name || email, locale: "vi" };
      await mailAboutMou(trx, [recipient], {
        kind: "mou_signatory_signup",
        prefix: "mous.mail.signup",
        mou,
        url: `${acting.origin}/signup?email=${encodeURIComponent(email)}&redirectTo=${encodeURIComponent(`/mous/${mouId}/sign`)}`,
        params: { inviter: acting.user.name },
      });
    }
  });
}

/** A signatory of the current round of this MoU, with the party that named it; none when superseded or of another MoU. */
export async function findCurrentSignatory(db: DB, mouId: string, signatoryId: string) {
  return db
    .selectFrom("signatories")
    .select(["id", "party_id"])
    .where("id", "=", signatoryId)
    .where("mou_id", "=", mouId)
    .where("superseded_at", "is", null)
    .executeTakeFirst();
}

export async function removeSignatory(db: DB, acting: Acting, mouId: string, signatoryId: string) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("signatories").where("id", "=", signatoryId).where("mou_id", "=", mouId).where("superseded_at", "is", null).execute();
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.signatory_removed", entityType: "mou", entityId: mouId, after: { signatory: signatoryId }, ip: acting.ip });
  });
}

/**
 * Signatories whose turn has come and who have not been invited yet: everyone when signing is
 * parallel; when sequential, those with the lowest order still pending.
 */
export async function signatoriesDueForInvitation(trx: Trx, mouId: string, order: "parallel" | "sequential") {
  const pending = await trx
    .selectFrom("signatories")
    .select(["id", "sign_order", "invited_at"])
    .where("mou_id", "=", mouId)
    .where("status", "=", "pending")
    .where("superseded_at", "is", null)
    .orderBy("sign_order")
    .execute();
  const turn = order === "sequential" ? pending.filter((s) => Number(s.sign_order) === Number(pending[0]?.sign_order)) : pending;
  return turn.filter((s) => !s.invited_at).map((s) => s.id);
}

export async function inviteDueSignatories(trx: Tx, mouId: string, origin: string) {
  const mou = await trx.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
  const due = await signatoriesDueForInvitation(trx, mouId, mou.signing_order);
  if (!due.length) return;
  await trx.updateTable("signatories").set({ invited_at: nowIso() }).where("id", "in", due).execute();
  await mailAboutMou(trx, await signatoryRecipients(trx, mouId, due), {
    kind: "mou_sign_invitation",
    prefix: "mous.mail.invite",
    mou,
    url: `${origin}/mous/${mouId}/sign`,
    params: { deadline: mou.signing_deadline ?? "—" },
  });
}

/**
 * Freezes the text and opens signing: the version's SHA-256 is what every signatory signs. The
 * current version is frozen as it is when it still matches the working text; otherwise the
 * working text becomes a new, frozen version.
 */
export async function sendForSignature(
  db: DB,
  acting: Acting,
  mouId: string,
  options: { order: "parallel" | "sequential"; deadline: string | null; today: string },
) {
  if (options.deadline && options.deadline < options.today) throw new DomainError("invalid", { messageKey: "mous.error.deadlinePast" });
  return db.transaction().execute(async (trx) => {
    const mou = await trx.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
    if (!canMoveMou("send_for_signature", mou.status)) throw new DomainError("conflict");
    await requireAllPartiesAccepted(trx, mouId);
    await requireVerifiedLead(trx, mouId);
    const parties = await trx.selectFrom("mou_parties").select("id").where("mou_id", "=", mouId).execute();
    const signatories = await trx.selectFrom("signatories").select(["id", "party_id"]).where("mou_id", "=", mouId).where("superseded_at", "is", null).execute();
    if (parties.some((p) => !signatories.some((s) => s.party_id === p.id))) throw new DomainError("conflict", { messageKey: "mous.error.signatoryPerParty" });
    const at = nowIso();
    const current = mou.current_version_id
      ? await trx.selectFrom("mou_versions").selectAll().where("id", "=", mou.current_version_id).executeTakeFirst()
      : undefined;
    const hash = hashVersionContent(await buildVersionContent(trx, mouId));
    let version: { id: string; number: number; content_hash: string };
    if (current && !current.frozen_at && current.content_hash === hash) {
      await trx.updateTable("mou_versions").set({ frozen_at: at }).where("id", "=", current.id).where("frozen_at", "is", null).execute();
      version = current;
    } else {
      version = await createVersion(trx, mouId, { createdBy: acting.user.id, freeze: true, at });
    }
    await trx
      .updateTable("mous")
      .set({ status: statusAfter("send_for_signature"), signing_order: options.order, signing_deadline: options.deadline, shared_at: mou.shared_at ?? at, updated_at: at })
      .where("id", "=", mouId)
      .execute();
    // Every signatory signs this version afresh: an earlier round's signatures were on another text.
    await trx
      .updateTable("signatories")
      .set({
        version_id: version.id,
        status: "pending",
        signature_kind: null,
        signature_data: null,
        consent_text: null,
        version_hash: null,
        ip: null,
        user_agent: null,
        signed_at: null,
        decline_reason: null,
        declined_at: null,
        otp_hash: null,
        otp_expires_at: null,
        otp_attempts: 0,
        invited_at: null,
        last_reminded_at: null,
        reminder_count: 0,
      })
      .where("mou_id", "=", mouId)
      .where("superseded_at", "is", null)
      .execute();
    await recordAudit(trx, {
      actorId: acting.user.id,
      actorLabel: acting.user.name,
      action: "mou.sent_for_signature",
      entityType: "mou",
      entityId: mouId,
      after: { version: version.number, hash: version.content_hash, order: options.order, deadline: options.deadline },
      ip: acting.ip,
    });
    await inviteDueSignatories(trx, mouId, acting.origin);
    await mailAboutMou(trx, await partyMembers(trx, mouId, { exceptUserId: acting.user.id }), {
      kind: "mou_sent_for_signature",
      prefix: "mous.mail.sent",
      mou,
      url: `${acting.origin}/mous/${mouId}`,
      params: { version: version.number },
    });
    return version;
  });
}
