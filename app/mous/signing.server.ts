import crypto from "node:crypto";
import { recordAudit } from "~/audit/audit-log.server";
import { designatedTo, type Actor } from "~/auth/permissions.server";
import type { Locale } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import { DomainError } from "~/lib/domain-error";
import { enqueueJob } from "~/jobs/queue.server";
import { sha256Hex } from "~/lib/ids.server";
import { addMinutes, nowIso, vietnamToday } from "~/lib/time";
import type { ExpressionBuilder } from "kysely";
import type { Database, DB, Mou, Signatory, Trx, Tx } from "~db/schema";
import { mailAboutMou, partyMembers, signatoryRecipients } from "./notify.server";
import { statusAfter, statusesBefore } from "./status";
import { inviteDueSignatories } from "./signatories.server";
import type { VersionContent } from "./versions.server";

export const OTP_TTL_MINUTES = 10;
export const OTP_MAX_ATTEMPTS = 5;
/** A new code at most this often, so that codes cannot be cycled to multiply the guesses. */
export const OTP_RESEND_SECONDS = 30;
/** Codes sent plus wrong guesses per signatory and Vietnam day, whatever the number of codes. */
export const OTP_DAILY_MAX = 20;
export const REMINDER_FIRST_AFTER_DAYS = 3;
export const REMINDER_EVERY_DAYS = 2;
export const REMINDER_MAX = 5;
const MAX_DRAWN_BYTES = 400_000;

export type SigningClosed = "notAwaiting" | "deadlinePassed" | "notYourTurn" | "alreadySigned" | "declined";

/** Why this signatory cannot sign now, or null when they can. */
export async function signingClosedReason(trx: Trx, mou: Mou, signatory: Signatory, today = vietnamToday()): Promise<SigningClosed | null> {
  if (signatory.status === "signed") return "alreadySigned";
  if (signatory.status === "declined") return "declined";
  if (mou.status !== "awaiting_signatures") return "notAwaiting";
  if (mou.signing_deadline && today > mou.signing_deadline) return "deadlinePassed";
  if (mou.signing_order === "sequential") {
    const earlier = await trx
      .selectFrom("signatories")
      .select("id")
      .where("mou_id", "=", mou.id)
      .where("superseded_at", "is", null)
      .where("status", "!=", "signed")
      .where("sign_order", "<", signatory.sign_order)
      .executeTakeFirst();
    if (earlier) return "notYourTurn";
  }
  return null;
}

/**
 * The signatory row of this MoU designated to the actor, or a 404: nobody else learns that a
 * signing exists, let alone reads the text.
 */
export async function requireOwnSignatory(db: Trx, actor: Actor, mouId: string, options: { bind: boolean }): Promise<{ mou: Mou; signatory: Signatory }> {
  const notFound = new DomainError("notFound");
  if (!actor.user) throw notFound;
  const mou = await db.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirst();
  if (!mou) throw notFound;
  const signatory = await db
    .selectFrom("signatories")
    .selectAll()
    .where("mou_id", "=", mouId)
    .where("superseded_at", "is", null)
    .where(designatedTo(actor.user))
    .executeTakeFirst();
  if (!signatory) throw notFound;
  // An invitation by email becomes the account's when its owner, signed in with the verified
  // address, first acts on it (never on a GET: reading changes nothing).
  if (!signatory.user_id && options.bind) {
    await db.updateTable("signatories").set({ user_id: actor.user.id }).where("id", "=", signatory.id).where("user_id", "is", null).execute();
    signatory.user_id = actor.user.id;
  }
  return { mou, signatory };
}

export async function loadFrozenVersion(db: Trx, versionId: string | null) {
  if (!versionId) return null;
  const version = await db.selectFrom("mou_versions").selectAll().where("id", "=", versionId).where("frozen_at", "is not", null).executeTakeFirst();
  return version ? { ...version, content: JSON.parse(version.content) as VersionContent } : null;
}

function hashCode(signatoryId: string, code: string): string {
  return sha256Hex(`${signatoryId}:${code}`);
}

/**
 * The conditions and the counting of one use of the day's allowance (a code sent, a guess), for
 * a conditional update: the check and the count are one statement, so racing requests cannot
 * both pass on the same remaining allowance.
 */
function dailyAllowance(today: string) {
  return {
    left: (eb: ExpressionBuilder<Database, "signatories">) => eb.or([eb("otp_day", "is", null), eb("otp_day", "!=", today), eb("otp_day_count", "<", OTP_DAILY_MAX)]),
    spend: (eb: ExpressionBuilder<Database, "signatories">) => ({
      otp_day: today,
      otp_day_count: eb.case().when("otp_day", "=", today).then(eb("otp_day_count", "+", 1)).else(1).end(),
    }),
  };
}

function dailyLimitReached(signatory: Signatory, today: string): boolean {
  return signatory.otp_day === today && Number(signatory.otp_day_count) >= OTP_DAILY_MAX;
}

export type Acting = { user: { id: string; name: string; locale: Locale }; ip: string; userAgent: string; origin: string };

export type SigningResult = { ok: true; complete: boolean } | { ok: false; error: MessageKey };

/** Emails a fresh 6-digit code; only its hash is kept, for 10 minutes and a few attempts. */
export async function requestSigningCode(db: DB, acting: Acting, mouId: string, signatoryId: string): Promise<SigningResult> {
  return db.transaction().execute(async (trx) => {
    const mou = await trx.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
    const signatory = await trx.selectFrom("signatories").selectAll().where("id", "=", signatoryId).executeTakeFirstOrThrow();
    const closed = await signingClosedReason(trx, mou, signatory);
    if (closed) return { ok: false, error: `mous.sign.closed.${closed}` as MessageKey };
    const now = nowIso();
    const today = vietnamToday();
    // A code issued less than OTP_RESEND_SECONDS ago expires later than this.
    const latestExpiry = addMinutes(new Date(Date.now() - OTP_RESEND_SECONDS * 1000).toISOString(), OTP_TTL_MINUTES);
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
    const allowance = dailyAllowance(today);
    // Every condition in the update itself: two requests at once cannot both send a code.
    const sent = await trx
      .updateTable("signatories")
      .set((eb) => ({ otp_hash: hashCode(signatory.id, code), otp_expires_at: addMinutes(now, OTP_TTL_MINUTES), otp_attempts: 0, ...allowance.spend(eb) }))
      .where("id", "=", signatory.id)
      .where((eb) => eb.or([eb("otp_expires_at", "is", null), eb("otp_expires_at", "<=", latestExpiry)]))
      .where(allowance.left)
      .executeTakeFirst();
    if (Number(sent.numUpdatedRows) !== 1) {
      const current = await trx.selectFrom("signatories").selectAll().where("id", "=", signatory.id).executeTakeFirstOrThrow();
      return { ok: false, error: dailyLimitReached(current, today) ? "mous.sign.codeDailyLimit" : "mous.sign.codeTooSoon" };
    }
    await mailAboutMou(trx, await signatoryRecipients(trx, mouId, [signatory.id]), {
      kind: "mou_signing_code",
      prefix: "mous.mail.code",
      mou,
      url: `${acting.origin}/mous/${mouId}/sign`,
      params: { code, minutes: OTP_TTL_MINUTES },
    });
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.signing_code_sent", entityType: "mou", entityId: mouId, after: { signatory: signatory.id }, ip: acting.ip });
    return { ok: true, complete: false };
  });
}

export type SignatureInput = { code: string; kind: "typed" | "drawn"; data: string; consent: boolean };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A typed name, or a drawn PNG that is whole (signature, header, end chunk) and of a sane size:
 * checked at signing, because a broken image found only when the agreement is built would leave
 * it unmade after the last signature.
 */
export function validSignatureData(kind: "typed" | "drawn", data: string): boolean {
  if (kind === "typed") return data.trim().length >= 2 && data.length <= 120;
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(data);
  if (!m || data.length > MAX_DRAWN_BYTES) return false;
  const png = Buffer.from(m[1], "base64");
  if (png.length < 57 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString("latin1", 12, 16) !== "IHDR") return false;
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  return width > 0 && height > 0 && width <= 2000 && height <= 1000 && png.toString("latin1", png.length - 8, png.length - 4) === "IEND";
}

/**
 * Signs the frozen version: the code must match, be unexpired and within its attempts; the time,
 * address, browser, version hash and signature image are kept. When this is the last signature,
 * the agreement is queued to be sealed by a job (a PDF is never built in the request).
 */
export async function signMou(db: DB, acting: Acting, mouId: string, signatoryId: string, input: SignatureInput): Promise<SigningResult> {
  const result = await db.transaction().execute(async (trx): Promise<SigningResult> => {
    const mou = await trx.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
    const signatory = await trx.selectFrom("signatories").selectAll().where("id", "=", signatoryId).executeTakeFirstOrThrow();
    const closed = await signingClosedReason(trx, mou, signatory);
    if (closed) return { ok: false, error: `mous.sign.closed.${closed}` as MessageKey };
    if (!input.consent) return { ok: false, error: "mous.sign.consentRequired" };
    if (!validSignatureData(input.kind, input.data)) return { ok: false, error: "mous.sign.signatureRequired" };
    if (!signatory.otp_hash || !signatory.otp_expires_at) return { ok: false, error: "mous.sign.codeRequired" };
    if (signatory.otp_expires_at < nowIso()) return { ok: false, error: "mous.sign.codeExpired" };
    // The guess is counted before it is checked, by one conditional update: requests racing on
    // the same code can never check more than OTP_MAX_ATTEMPTS guesses, nor pass the day's cap.
    const today = vietnamToday();
    const allowance = dailyAllowance(today);
    const taken = await trx
      .updateTable("signatories")
      .set((eb) => ({ otp_attempts: eb("otp_attempts", "+", 1), ...allowance.spend(eb) }))
      .where("id", "=", signatory.id)
      .where("otp_hash", "is not", null)
      .where("otp_attempts", "<", OTP_MAX_ATTEMPTS)
      .where(allowance.left)
      .returning("otp_hash")
      .executeTakeFirst();
    if (!taken?.otp_hash) {
      const current = await trx.selectFrom("signatories").selectAll().where("id", "=", signatory.id).executeTakeFirstOrThrow();
      return { ok: false, error: dailyLimitReached(current, today) ? "mous.sign.codeDailyLimit" : "mous.sign.codeLocked" };
    }
    const given = Buffer.from(hashCode(signatory.id, input.code.trim()));
    if (!crypto.timingSafeEqual(given, Buffer.from(taken.otp_hash))) {
      // This transaction commits: a wrong guess is never free, and it is on the record.
      await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.signing_code_wrong", entityType: "mou", entityId: mouId, after: { signatory: signatory.id }, ip: acting.ip });
      return { ok: false, error: "mous.sign.codeWrong" };
    }
    const version = await loadFrozenVersion(trx, signatory.version_id);
    if (!version || version.id !== mou.current_version_id) return { ok: false, error: "mous.sign.closed.notAwaiting" };
    const at = nowIso();
    const consentText = translate(acting.user.locale, "mous.sign.consent", { hash: version.content_hash });
    await recordSignature(trx, acting, mouId, signatory.id, version, {
      kind: input.kind,
      data: input.kind === "typed" ? input.data.trim() : input.data,
      consentText,
      signedAt: at,
    });
    return { ok: true, complete: await afterSignature(trx, mouId, acting.origin) };
  });
  return result;
}

/**
 * After a signature is saved: invites whoever is due next, or, when it was the last, queues the
 * seal. Whether it was the last is returned.
 */
/**
 * Marks a pending signatory signed on the frozen version and puts it on the record: one place for
 * what every way of signing (typed, drawn, a signatory's own certificate) writes.
 */
export async function recordSignature(
  trx: Tx,
  acting: Acting,
  mouId: string,
  signatoryId: string,
  version: { number: number; content_hash: string },
  signature: { kind: "typed" | "drawn" | "certificate"; data: string; consentText?: string; signedAt: string; audit?: Record<string, unknown> },
): Promise<void> {
  await trx
    .updateTable("signatories")
    .set({
      status: "signed",
      signature_kind: signature.kind,
      signature_data: signature.data,
      ...(signature.consentText ? { consent_text: signature.consentText } : {}),
      version_hash: version.content_hash,
      ip: acting.ip,
      user_agent: acting.userAgent.slice(0, 500),
      signed_at: signature.signedAt,
      otp_hash: null,
      otp_expires_at: null,
    })
    .where("id", "=", signatoryId)
    .where("status", "=", "pending")
    .execute();
  await recordAudit(trx, {
    actorId: acting.user.id,
    actorLabel: acting.user.name,
    action: "mou.signed",
    entityType: "mou",
    entityId: mouId,
    after: { signatory: signatoryId, kind: signature.kind, version: version.number, hash: version.content_hash, ...signature.audit },
    ip: acting.ip,
  });
}

export async function afterSignature(trx: Tx, mouId: string, origin: string): Promise<boolean> {
  const remaining = await trx
    .selectFrom("signatories")
    .select("id")
    .where("mou_id", "=", mouId)
    .where("superseded_at", "is", null)
    .where("status", "!=", "signed")
    .executeTakeFirst();
  if (remaining) await inviteDueSignatories(trx, mouId, origin);
  // Sealed by a job, queued with the last signature: building and sealing the PDF takes seconds
  // and can fail, and neither may cost the signer their answer once the signature is saved.
  else await enqueueJob(trx, "agreement.seal", { mouId });
  return !remaining;
}

/** A signatory declines with a reason: the MoU goes back to draft and everyone is told. */
export async function declineMou(db: DB, acting: Acting, mouId: string, signatoryId: string, reason: string): Promise<SigningResult> {
  return db.transaction().execute(async (trx) => {
    const mou = await trx.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
    const signatory = await trx.selectFrom("signatories").selectAll().where("id", "=", signatoryId).executeTakeFirstOrThrow();
    const closed = await signingClosedReason(trx, mou, signatory);
    if (closed && closed !== "notYourTurn") return { ok: false, error: `mous.sign.closed.${closed}` as MessageKey };
    const at = nowIso();
    await trx
      .updateTable("signatories")
      .set({ status: "declined", decline_reason: reason, declined_at: at, otp_hash: null, otp_expires_at: null })
      .where("id", "=", signatory.id)
      .execute();
    await trx.updateTable("mous").set({ status: statusAfter("decline"), updated_at: at }).where("id", "=", mouId).execute();
    await recordAudit(trx, { actorId: acting.user.id, actorLabel: acting.user.name, action: "mou.declined", entityType: "mou", entityId: mouId, after: { signatory: signatory.id, reason }, ip: acting.ip });
    const everyone = [...(await partyMembers(trx, mouId)), ...(await signatoryRecipients(trx, mouId))];
    const unique = [...new Map(everyone.map((r) => [r.email.toLowerCase(), r])).values()];
    await mailAboutMou(trx, unique, {
      kind: "mou_declined",
      prefix: "mous.mail.declined",
      mou,
      url: `${acting.origin}/mous/${mouId}`,
      params: { name: signatory.name },
      extra: () => [reason],
    });
    return { ok: true, complete: false };
  });
}

/**
 * Reminders to signatories who were invited and have not signed: the first after 3 days, then
 * every 2 days, at most 5. Returns how many were queued.
 */
export async function remindSignatories(db: DB, origin: string, now = new Date()): Promise<number> {
  const dayMs = 24 * 3600_000;
  const firstBefore = new Date(now.getTime() - REMINDER_FIRST_AFTER_DAYS * dayMs).toISOString();
  const againBefore = new Date(now.getTime() - REMINDER_EVERY_DAYS * dayMs).toISOString();
  const due = await db
    .selectFrom("signatories")
    .innerJoin("mous", "mous.id", "signatories.mou_id")
    .select(["signatories.id", "signatories.mou_id"])
    .where("mous.status", "=", "awaiting_signatures")
    .where("signatories.status", "=", "pending")
    .where("signatories.superseded_at", "is", null)
    .where("signatories.invited_at", "is not", null)
    .where("signatories.reminder_count", "<", REMINDER_MAX)
    .where((eb) =>
      eb.or([
        eb.and([eb("signatories.reminder_count", "=", 0), eb("signatories.invited_at", "<=", firstBefore)]),
        eb.and([eb("signatories.reminder_count", ">", 0), eb("signatories.last_reminded_at", "<=", againBefore)]),
      ]),
    )
    .execute();
  let sent = 0;
  for (const row of due) {
    await db.transaction().execute(async (trx) => {
      const mou = await trx.selectFrom("mous").selectAll().where("id", "=", row.mou_id).executeTakeFirstOrThrow();
      if (mou.signing_deadline && vietnamToday(now) > mou.signing_deadline) return;
      // Claimed by the update itself, so two processes never remind the same person twice.
      const claimed = await trx
        .updateTable("signatories")
        .set((eb) => ({ reminder_count: eb("reminder_count", "+", 1), last_reminded_at: now.toISOString() }))
        .where("id", "=", row.id)
        .where("status", "=", "pending")
        .where("reminder_count", "<", REMINDER_MAX)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      await mailAboutMou(trx, await signatoryRecipients(trx, row.mou_id, [row.id]), {
        kind: "mou_sign_reminder",
        prefix: "mous.mail.reminder",
        mou,
        url: `${origin}/mous/${row.mou_id}/sign`,
        params: { deadline: mou.signing_deadline ?? "—" },
      });
      sent++;
    });
  }
  return sent;
}

/** Past its deadline, a signing closes: the MoU returns to draft and the lead party is told. */
export async function closeOverdueSignings(db: DB, origin: string, today = vietnamToday()): Promise<number> {
  const overdue = await db
    .selectFrom("mous")
    .select("id")
    .where("status", "in", statusesBefore("close_signing"))
    .where("signing_deadline", "is not", null)
    .where("signing_deadline", "<", today)
    .execute();
  for (const { id } of overdue) {
    await db.transaction().execute(async (trx) => {
      const mou = await trx.selectFrom("mous").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const moved = await trx.updateTable("mous").set({ status: statusAfter("close_signing"), updated_at: nowIso() }).where("id", "=", id).where("status", "in", statusesBefore("close_signing")).executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return;
      await recordAudit(trx, { actorId: null, actorLabel: "portal", action: "mou.signing_closed", entityType: "mou", entityId: id, after: { deadline: mou.signing_deadline } });
      const lead = await trx.selectFrom("mou_parties").select("org_id").where("mou_id", "=", id).where("is_lead", "=", 1).execute();
      await mailAboutMou(trx, await partyMembers(trx, id, { orgIds: lead.map((l) => l.org_id) }), {
        kind: "mou_signing_closed",
        prefix: "mous.mail.closed",
        mou,
        url: `${origin}/mous/${id}`,
        params: { deadline: mou.signing_deadline ?? "" },
      });
    });
  }
  return overdue.length;
}
