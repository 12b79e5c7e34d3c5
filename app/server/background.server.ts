import { scheduleDailyStatusRefresh } from "~/commitments/stored-status.server";
import { pruneAuthRecords } from "~/auth/throttle.server";
import { sendWeeklyDigests } from "~/commitments/digest.server";
import { sendCommitmentReminders } from "~/commitments/reminders.server";
import { getConfig, portalOrigin } from "~/config.server";
import { getConnection } from "~/db.server";
import { refreshPlannerStatistics } from "~/db/dialect.server";
import { closeEndedEvents, sendDueReminders } from "~/events/event-lifecycle.server";
import { runDueJobs } from "~/jobs/runner.server";
import { applyMouDates } from "~/mous/in-force.server";
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
    // Every process looks; the unique key of each reminder and digest lets one of them send it, once.
    { name: "commitment-reminders", everyMs: config.reminderPollMs, run: async () => (await sendCommitmentReminders(db())) + (await sendWeeklyDigests(db())) },
    // Effective and expiry dates are days in Vietnam: checking every quarter hour moves an MoU soon after midnight.
    { name: "mou-in-force-dates", everyMs: 15 * 60_000, run: () => applyMouDates(db()) },
    // Statuses that only the calendar changes are re-derived once a day, as a job (decision 0015).
    { name: "commitment-statuses", everyMs: 10 * 60_000, run: () => scheduleDailyStatusRefresh(db()) },
    { name: "planner-statistics", everyMs: 60 * 60_000, run: () => refreshPlannerStatistics(db()) },
  ];
}

/** Starts the timers; the function it returns stops them and resolves once the runs in flight have ended. */
export function startBackgroundJobs(): () => Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  const timers = periodicWork().map((job) => {
    let running = false;
    return setInterval(() => {
      if (running) return;
      running = true;
      const run = job
        .run()
        .catch((error) => log("error", "background job failed", { job: job.name, error: String(error) }))
        .finally(() => {
          running = false;
          inFlight.delete(run);
        });
      inFlight.add(run);
    }, job.everyMs);
  });
  return async () => {
    timers.forEach(clearInterval);
    await Promise.allSettled([...inFlight]);
  };
}
