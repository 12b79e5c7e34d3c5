import type { JobStatus } from "~db/schema";

/**
 * Every kind of job and the payload its handler takes. The queue knows the names; the handlers
 * are given to the runner by the server (app/server/job-handlers.server.ts), so no module here
 * imports a domain.
 */
export type JobPayloads = {
  "mail.send": { outboxId: string };
  "agreement.seal": { mouId: string };
  "commitments.refresh-statuses": { day: string };
  /** The certificate chain of a signatory's own signature, base64 DER, signer first. */
  "signatures.check-revocation": { mouId: string; signatoryId: string; chain: string[]; signedAt: string };
};

export type JobKind = keyof JobPayloads;

/** The job statuses, for the server's filter and the page's choices alike. */
export const JOB_STATUSES = ["pending", "running", "done", "failed"] as const satisfies readonly JobStatus[];
