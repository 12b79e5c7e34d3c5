import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobKind, JobPayloads } from "~/jobs/kinds";
import { enqueueJob, retryFailedJob } from "~/jobs/queue.server";
import { claimDueJobs, LEASE_MS, MAX_ATTEMPTS, runDueJobs, type JobHandlers } from "~/jobs/runner.server";
import type { DB } from "~db/schema";
import { connect, openMigratedDatabase } from "../helpers/database";

const BASE_MS = 1000;

describe("the job runner", () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: DB;
  beforeAll(async () => {
    database = await openMigratedDatabase();
    db = database.db;
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await db.deleteFrom("jobs").execute();
  });

  const job = (id: string) => db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const later = (ms: number) => new Date(Date.now() + ms);
  const enqueue = <K extends JobKind>(kind: K, payload: JobPayloads[K], options?: { runAt?: string }) =>
    db.transaction().execute((trx) => enqueueJob(trx, kind, payload, options));

  it("runs a due job once and marks it done; a job not yet due waits for its time", async () => {
    const seen: string[] = [];
    const handlers: JobHandlers = { "agreement.seal": async (_db, { mouId }) => void seen.push(mouId) };
    const now = await enqueue("agreement.seal", { mouId: "now" });
    const tomorrow = await enqueue("agreement.seal", { mouId: "tomorrow" }, { runAt: later(86_400_000).toISOString() });
    expect(await runDueJobs(db, { handlers, retryBaseMs: BASE_MS })).toBe(1);
    expect(await runDueJobs(db, { handlers, retryBaseMs: BASE_MS })).toBe(0);
    expect(seen).toEqual(["now"]);
    expect(await job(now)).toMatchObject({ status: "done", attempts: 1, locked_until: null, last_error: null });
    expect((await job(now)).finished_at).not.toBeNull();
    expect(await job(tomorrow)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("leaves a kind without a handler in the queue (mail without SMTP_URL)", async () => {
    const id = await enqueue("mail.send", { outboxId: "x" });
    expect(await runDueJobs(db, { handlers: { "agreement.seal": async () => {} }, retryBaseMs: BASE_MS })).toBe(0);
    expect(await job(id)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("retries a failing handler with a doubling delay, its error visible until it succeeds", async () => {
    let calls = 0;
    const handlers: JobHandlers = {
      "agreement.seal": async () => {
        calls += 1;
        if (calls <= 2) throw new Error(`certificate unreadable (${calls})`);
      },
    };
    const id = await enqueue("agreement.seal", { mouId: "m" });
    const t0 = Date.now();
    expect(await runDueJobs(db, { handlers, retryBaseMs: BASE_MS })).toBe(0);
    const first = await job(id);
    expect(first).toMatchObject({ status: "pending", attempts: 1, last_error: "certificate unreadable (1)" });
    expect(new Date(first.run_at).getTime() - t0).toBeGreaterThanOrEqual(BASE_MS);
    // Not due again before its delay has passed.
    expect(await runDueJobs(db, { handlers, retryBaseMs: BASE_MS })).toBe(0);
    expect(calls).toBe(1);

    const t1 = Date.now();
    expect(await runDueJobs(db, { handlers, retryBaseMs: BASE_MS }, later(BASE_MS + 50))).toBe(0);
    const second = await job(id);
    expect(second).toMatchObject({ status: "pending", attempts: 2, last_error: "certificate unreadable (2)" });
    expect(new Date(second.run_at).getTime() - t1).toBeGreaterThanOrEqual(2 * BASE_MS);
    expect(await runDueJobs(db, { handlers, retryBaseMs: BASE_MS }, later(BASE_MS))).toBe(0);

    expect(await runDueJobs(db, { handlers, retryBaseMs: BASE_MS }, later(3 * BASE_MS))).toBe(1);
    expect(await job(id)).toMatchObject({ status: "done", attempts: 3, last_error: null });
  });

  it("marks a job failed after its last attempt, and a retry puts it back with fresh attempts", async () => {
    let broken = true;
    const handlers: JobHandlers = {
      "agreement.seal": async () => {
        if (broken) throw new Error("still broken");
      },
    };
    const id = await enqueue("agreement.seal", { mouId: "m" });
    await db.updateTable("jobs").set({ attempts: MAX_ATTEMPTS - 1 }).where("id", "=", id).execute();
    await runDueJobs(db, { handlers, retryBaseMs: BASE_MS });
    expect(await job(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, last_error: "still broken" });
    // A failed job is never taken again by itself.
    expect(await runDueJobs(db, { handlers, retryBaseMs: BASE_MS }, later(86_400_000))).toBe(0);

    expect(await retryFailedJob(db, id)).toEqual({ kind: "agreement.seal" });
    expect(await retryFailedJob(db, id)).toBeNull();
    broken = false;
    expect(await runDueJobs(db, { handlers, retryBaseMs: BASE_MS })).toBe(1);
    expect(await job(id)).toMatchObject({ status: "done", attempts: 1 });
  });

  it("gives a leased job to no other runner until the lease runs out, and then only to one", async () => {
    const id = await enqueue("agreement.seal", { mouId: "m" });
    const now = new Date();
    const claim = (runnerId: string, at: Date) => claimDueJobs(db, ["agreement.seal"], { limit: 10, runnerId, leaseMs: LEASE_MS, now: at });
    expect((await claim("a", now)).map((j) => j.id)).toEqual([id]);
    expect(await claim("b", now)).toEqual([]);
    expect(await claim("b", new Date(now.getTime() + LEASE_MS - 1000))).toEqual([]);
    // Runner a died mid-run: its lease runs out and the job is taken over, the attempt counted.
    const after = new Date(now.getTime() + LEASE_MS + 1000);
    expect((await claim("b", after)).map((j) => j.attempts)).toEqual([2]);
    expect(await claim("c", after)).toEqual([]);
    // Runner a comes back: it no longer holds the lease, so its result does not settle the job.
    const handlers: JobHandlers = { "agreement.seal": async () => {} };
    expect(await runDueJobs(db, { handlers, retryBaseMs: BASE_MS, runnerId: "a" }, new Date(after.getTime() + 1000))).toBe(0);
    expect(await job(id)).toMatchObject({ status: "running", locked_by: "b" });
  });

  it("leases at most the batch size, and two runners claiming at the same moment never share a job", async () => {
    const other = connect(database.url);
    try {
      await other.db.selectFrom("jobs").select("id").limit(1).execute();
      for (let i = 0; i < 12; i++) await enqueue("agreement.seal", { mouId: `m${i}` });
      const now = new Date();
      const claim = (handle: DB, runnerId: string) => claimDueJobs(handle, ["agreement.seal"], { limit: 3, runnerId, leaseMs: LEASE_MS, now });
      const [a, b] = await Promise.all([claim(db, "a"), claim(other.db, "b")]);
      expect(a).toHaveLength(3);
      expect(b).toHaveLength(3);
      expect(new Set([...a, ...b].map((j) => j.id)).size).toBe(6);
    } finally {
      await other.db.destroy();
    }
  });

  it("runs each of many jobs exactly once with two runners on two connections racing", async () => {
    const other = connect(database.url);
    try {
      // Connected before the race, so that neither runner starts late.
      await other.db.selectFrom("jobs").select("id").limit(1).execute();
      const ids = [];
      for (let i = 0; i < 40; i++) ids.push(await enqueue("agreement.seal", { mouId: `m${i}` }));
      const runs = new Map<string, number>();
      const handlers: JobHandlers = {
        "agreement.seal": async (_db, { mouId }) => {
          runs.set(mouId, (runs.get(mouId) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 5));
        },
      };
      const drain = async (handle: DB, runnerId: string) => {
        let total = 0;
        for (let n = -1; n !== 0; total += n) n = await runDueJobs(handle, { handlers, retryBaseMs: BASE_MS, runnerId, batch: 3 });
        return total;
      };
      const [a, b] = await Promise.all([drain(db, "runner-a"), drain(other.db, "runner-b")]);
      expect(a + b).toBe(40);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      expect(runs.size).toBe(40);
      const done = await db.selectFrom("jobs").select(["status", "attempts"]).where("id", "in", ids).execute();
      expect(done.every((j) => j.status === "done" && Number(j.attempts) === 1)).toBe(true);
    } finally {
      await other.db.destroy();
    }
  });
});
