import cluster, { type Worker } from "node:cluster";
import { log } from "./logging.server";

/** A worker that dies this soon after starting is failing to start: wait before the next try. */
const QUICK_DEATH_MS = 5_000;

/**
 * Forks the workers that share the port (node:cluster hands each connection to one of them) and
 * replaces any that dies. SIGTERM goes on to every worker; the primary leaves when they have.
 */
export function superviseWorkers(count: number, graceMs: number): void {
  let stopping = false;
  const startedAt = new Map<Worker, number>();
  const fork = () => startedAt.set(cluster.fork(), Date.now());
  for (let i = 0; i < count; i++) fork();

  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(0);
      return;
    }
    log("error", "worker died: starting another", { pid: worker.process.pid, code, signal });
    setTimeout(fork, lived < QUICK_DEATH_MS ? QUICK_DEATH_MS : 0);
  });

  const stop = () => {
    stopping = true;
    if (startedAt.size === 0) process.exit(0);
    for (const worker of startedAt.keys()) worker.process.kill("SIGTERM");
    setTimeout(() => process.exit(1), graceMs).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

export const isClusterWorker = () => cluster.isWorker;
