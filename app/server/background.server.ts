import { log } from "./logging.server";

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

/** Jobs that run inside the server process on a timer (mail delivery, reminders), listed by name. */
const JOBS: Job[] = [];

export function startBackgroundJobs(): () => void {
  const timers = JOBS.map((job) => {
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
