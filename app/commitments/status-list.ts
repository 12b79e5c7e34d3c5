import type { CommitmentStatus } from "./status";

/**
 * Every status, worst first, for filters, counts and charts. A record rather than a list, so that a
 * status added to the type and missing here is a type error.
 */
const ORDER: Record<CommitmentStatus, number> = { delayed: 0, at_risk: 1, on_track: 2, done: 3, cancelled: 4 };

export const COMMITMENT_STATUSES = (Object.keys(ORDER) as CommitmentStatus[]).sort((a, b) => ORDER[a] - ORDER[b]);

export function isCommitmentStatus(value: string | null | undefined): value is CommitmentStatus {
  return value !== null && value !== undefined && value in ORDER;
}
