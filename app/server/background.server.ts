import { getConfig } from "~/config.server";
import { getConnection } from "~/db.server";
import { sendDueReminders } from "~/events/event-lifecycle.server";
import { createTransport, deliverDueEmails } from "~/mail/delivery.server";
import { log } from "./logging.server";

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

/** Jobs that run inside the server process on a timer (mail delivery, reminders), listed by name. */
function jobs(): Job[] {
  const config = getConfig();
  const list: Job[] = [];
  // Without SMTP_URL mail stays in the outbox, where staff read it at /admin/outbox.
  if (config.smtpUrl) {
    const transport = createTransport(config.smtpUrl);
    list.push({
      name: "outbox",
      everyMs: config.outboxPollMs,
      run: () => deliverDueEmails(getConnection().db, getConnection().dialect, transport),
    });
  }
  // The day-before reminder: queued once per event (reminder_sent_at), delivered by the outbox.
  list.push({
    name: "event-reminders",
    everyMs: 5 * 60_000,
    run: () => sendDueReminders(getConnection().db, config.publicUrl ?? `http://localhost:${config.port}`),
  });
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
