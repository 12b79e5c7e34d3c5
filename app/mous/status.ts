import type { MouStatus } from "~db/schema";

/**
 * The MoU's lifecycle in one place: which statuses leave the text open to change, and which moves
 * the portal makes from which statuses. Shared with the browser (badges, buttons): no server code here.
 */
export const MOU_STATUSES = ["draft", "in_review", "awaiting_signatures", "signed", "active", "completed", "expired", "terminated"] as const satisfies readonly MouStatus[];

/** The text, its parties and their signatories may change only until it is sent for signature. */
export const EDITABLE_STATUSES: readonly MouStatus[] = ["draft", "in_review"];

export type MouMove = "share" | "reopen" | "send_for_signature" | "decline" | "close_signing" | "seal" | "amend" | "take_effect" | "expire";

const MOVES: Record<MouMove, { from: readonly MouStatus[]; to: MouStatus }> = {
  // A draft shared with the other parties becomes version 1 and is reviewed from then on.
  share: { from: ["draft"], to: "in_review" },
  // After a decline or a closed signing: the same text, editable again.
  reopen: { from: ["draft"], to: "in_review" },
  // Freezes the text: what is signed is exactly what was sent.
  send_for_signature: { from: EDITABLE_STATUSES, to: "awaiting_signatures" },
  decline: { from: ["awaiting_signatures"], to: "draft" },
  close_signing: { from: ["awaiting_signatures"], to: "draft" },
  // An active MoU is sealed too when its agreement is missing: the demo data's signed MoU is seeded active.
  seal: { from: ["awaiting_signatures", "active"], to: "active" },
  // The signed version stays as it is; the amendment is reviewed and signed as a new version.
  amend: { from: ["active"], to: "in_review" },
  // A sealed MoU whose effective date is still ahead waits as "signed" and is not active anywhere until then.
  take_effect: { from: ["signed"], to: "active" },
  expire: { from: ["active"], to: "expired" },
};

/**
 * A sealed MoU binds its parties from its effective date until it ends, also while an amendment
 * is reviewed or signed (the signed text still holds); "signed" waits for its effective date.
 */
export function isInForceStatus(status: MouStatus): boolean {
  return status !== "signed" && !hasEnded(status);
}

export const IN_FORCE_STATUSES: readonly MouStatus[] = MOU_STATUSES.filter(isInForceStatus);

/** Where a sealed MoU lands: active, or signed and waiting when its effective date is after today. */
export function sealedStatus(effectiveOn: string | null, today: string): MouStatus {
  return effectiveOn !== null && effectiveOn > today ? "signed" : statusAfter("seal");
}

export function isEditableStatus(status: MouStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export function canMoveMou(move: MouMove, from: MouStatus): boolean {
  return MOVES[move].from.includes(from);
}

/** The statuses a move starts from, for the guard of the update that makes it. */
export function statusesBefore(move: MouMove): MouStatus[] {
  return [...MOVES[move].from];
}

export function statusAfter(move: MouMove): MouStatus {
  return MOVES[move].to;
}

/** No move leaves an ended MoU (completed, expired, terminated): its record is read-only. */
export function hasEnded(status: MouStatus): boolean {
  return !Object.values(MOVES).some((m) => m.from.includes(status));
}
