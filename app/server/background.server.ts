import { pruneAuthRecords } from "~/auth/throttle.server";
import { getConfig, portalOrigin } from "~/config.server";
import { getConnection } from "~/db.server";
import { closeEndedEvents, sendDueReminders } from "~/events/event-lifecycle.server";
import { createTransport, deliverDueEmails } from "~/mail/delivery.server";
import { issuePendingAgreements } from "~/mous/agreements.server";
import { closeOverdueSignings, remindSignatories } from "~/mous/signing.server";
import { log } from "./logging.server";

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

/** Jobs that run inside the server process on a timer (mail delivery, reminders), listed by name. */
function jobs(): Job[] {
  const config = getConfig();
  const db = () => getConnection().db;
  const list: Job[] = [];
  // Without SMTP_URL mail stays in the outbox, where staff read it at /admin/outbox.
  if (config.smtpUrl) {
    const transport = createTransport(config.smtpUrl);
    list.push({
      name: "outbox",
      everyMs: config.outboxPollMs,
      run: () => deliverDueEmails(db(), getConnection().dialect, transport),
    });
  }
  // Sign-in counters past their window and spent or expired emailed links serve no one.
  list.push(
    { name: "prune-auth-records", everyMs: 60 * 60_000, run: () => pruneAuthRecords(db()) },
    { name: "mou-signing-reminders", everyMs: 15 * 60_000, run: () => remindSignatories(db(), portalOrigin()) },
    { name: "mou-signing-deadlines", everyMs: 15 * 60_000, run: () => closeOverdueSignings(db(), portalOrigin()) },
    // Finishes an agreement whose last signature landed but whose PDF was not stored (a crash in between).
    { name: "mou-pending-agreements", everyMs: 60_000, run: () => issuePendingAgreements(db(), { origin: portalOrigin(), notify: true }) },
    // The day-before reminder: queued once per event (reminder_sent_at), delivered by the outbox.
    { name: "event-reminders", everyMs: 5 * 60_000, run: () => sendDueReminders(db(), portalOrigin()) },
    { name: "close-ended-events", everyMs: 5 * 60_000, run: () => closeEndedEvents(db()) },
  );
  return list;
}

export function startBackgroundJobs(): () => void {
  const timers = jobs().map((job) => {
    let running = false;
    return setInterval(() => {
      if (running) return;
      running = true;
      job
        .run()
        .catch((error) => log("error", "background job failed", { job: job.name, error: String(error) }))
        .finally(() => {
          running = false;
        });
    }, job.everyMs);
  });
  return () => timers.forEach(clearInterval);
}
