import { refreshStaleCommitmentStatuses } from "~/commitments/stored-status.server";
import { getConfig, portalOrigin } from "~/config.server";
import { eventAttachmentRenderers } from "~/events/mail-attachments.server";
import { readStoredFile, STORED_FILE } from "~/files/files.server";
import type { JobHandlers } from "~/jobs/runner.server";
import { createTransport, sendMailHandler } from "~/mail/delivery.server";
import { issueAgreement } from "~/mous/agreements.server";
import { recordRevocationCheck } from "~/mous/own-signature-revocation.server";

/**
 * The handler of each job kind, with what it needs from the domains: the one place that joins
 * the queue to them, so `app/jobs/` and `app/mail/` import no domain module. Links in jobs use
 * the configured origin: a job has no request.
 */
export function jobHandlers(): JobHandlers {
  const config = getConfig();
  const origin = portalOrigin();
  const handlers: JobHandlers = {
    "agreement.seal": async (db, { mouId }) => {
      await issueAgreement(db, mouId, { origin, notify: true });
    },
    "commitments.refresh-statuses": async (db, { day }) => {
      await refreshStaleCommitmentStatuses(db, day);
    },
    "signatures.check-revocation": recordRevocationCheck,
  };
  // Without SMTP_URL mail stays in the outbox, where staff read it at /admin/outbox.
  if (config.smtpUrl) {
    handlers["mail.send"] = sendMailHandler(createTransport(config.smtpUrl), {
      from: config.mailFrom,
      renderers: { ...eventAttachmentRenderers(origin), [STORED_FILE]: readStoredFile },
    });
  }
  return handlers;
}
