import { scheduleDailyStatusRefresh } from "~/commitments/stored-status.server";
import { pruneAuthRecords } from "~/auth/throttle.server";
import { getConfig, portalOrigin } from "~/config.server";
import { getConnection } from "~/db.server";
import { closeEndedEvents, sendDueReminders } from "~/events/event-lifecycle.server";
import { runDueJobs } from "~/jobs/runner.server";
import { closeOverdueSignings, remindSignatories } from "~/mous/signing.server";
import { jobHandlers } from "./job-handlers.server";
import { log } from "./logging.server";

type Periodic = { name: string; everyMs: number; run: () => Promise<unknown> };

/** Work that runs inside the server process on a timer (the job queue, reminders), listed by name. */
function periodicWork(): Periodic[] {
  const config = getConfig();
  const db = () => getConnection().db;
  const handlers = jobHandlers();
  return [
    // Every process runs the queue: the lease and SKIP LOCKED give each job to one of them.
    { name: "jobs", everyMs: config.outboxPollMs, run: () => runDueJobs(db(), { handlers, retryBaseMs: config.outboxRetryBaseMs }) },
    // Sign-in counters past their window and spent or expired emailed links serve no one.
    { name: "prune-auth-records", everyMs: 60 * 60_000, run: () => pruneAuthRecords(db()) },
    { name: "mou-signing-reminders", everyMs: 15 * 60_000, run: () => remindSignatories(db(), portalOrigin()) },
    { name: "mou-signing-deadlines", everyMs: 15 * 60_000, run: () => closeOverdueSignings(db(), portalOrigin()) },
    // The day-before reminder: queued once per event (reminder_sent_at), delivered by the outbox.
    { name: "event-reminders", everyMs: 5 * 60_000, run: () => sendDueReminders(db(), portalOrigin()) },
    { name: "close-ended-events", everyMs: 5 * 60_000, run: () => closeEndedEvents(db()) },
    // Statuses that only the calendar changes are re-derived once a day, as a job (decision 0015).
    { name: "commitment-statuses", everyMs: 10 * 60_000, run: () => scheduleDailyStatusRefresh(db()) },
  ];
}

export function startBackgroundJobs(): () => void {
  const timers = periodicWork().map((job) => {
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
