import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeAttempt } from "~/auth/counters.server";
import { ACCOUNT_AT_ADDRESS, ADDRESS, accountAtAddressKey, addressKey, guardPassword, pruneAuthRecords, takeMailBudget } from "~/auth/throttle.server";
import { openMigratedDatabase, testDialect } from "../helpers/database";

const at = (iso: string) => new Date(iso);
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const MINUTE = 60_000;

describe(`sign-in counters and emailed links in the database (${testDialect()})`, () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase();
  });
  afterAll(async () => database?.close());

  it("allows five attempts, then waits one minute, then two, and starts over a day after the last wait", async () => {
    const { db } = database;
    const key = "test:growing";
    const t0 = at("2026-11-20T08:00:00Z");
    for (let i = 0; i < 5; i++) expect(await takeAttempt(db, key, ACCOUNT_AT_ADDRESS, t0)).toEqual({ ok: true });
    expect(await takeAttempt(db, key, ACCOUNT_AT_ADDRESS, later(t0, 10_000))).toEqual({ ok: false, retryAt: later(t0, MINUTE) });
    expect((await takeAttempt(db, key, ACCOUNT_AT_ADDRESS, later(t0, MINUTE))).ok).toBe(true);
    const t1 = later(t0, MINUTE);
    expect(await takeAttempt(db, key, ACCOUNT_AT_ADDRESS, later(t1, MINUTE))).toEqual({ ok: false, retryAt: later(t1, 2 * MINUTE) });
    expect((await takeAttempt(db, key, ACCOUNT_AT_ADDRESS, later(t1, 2 * MINUTE))).ok).toBe(true);
    const t2 = later(t1, 2 * MINUTE);
    const nextDay = later(t2, 4 * MINUTE + 24 * 60 * MINUTE);
    for (let i = 0; i < 5; i++) expect((await takeAttempt(db, key, ACCOUNT_AT_ADDRESS, nextDay)).ok).toBe(true);
    expect((await takeAttempt(db, key, ACCOUNT_AT_ADDRESS, nextDay)).ok).toBe(false);
  });

  it("lets fifty racing attempts on one key through no more than the five free ones", async () => {
    const { db } = database;
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 50 }, () => takeAttempt(db, "test:race", ACCOUNT_AT_ADDRESS, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const row = await db.selectFrom("throttle_counters").select("count").where("key", "=", "test:race").executeTakeFirstOrThrow();
    expect(Number(row.count)).toBe(5);
  });

  it("slows a stranger's guesses at their address without locking the owner out elsewhere", async () => {
    const { db } = database;
    const email = "owner@example.vn";
    const guess = (ip: string, right: boolean) => guardPassword(db, { email, ip, actorId: null, purpose: "login" }, async () => (right ? "owner" : null));
    const stranger = await Promise.all(Array.from({ length: 12 }, () => guess("203.0.113.66", false)));
    expect(stranger.filter((r) => r.kind === "failed")).toHaveLength(5);
    expect(stranger.filter((r) => r.kind === "throttled")).toHaveLength(7);
    expect(await guess("203.0.113.66", true)).toMatchObject({ kind: "throttled" });
    expect(await guess("198.51.100.20", true)).toEqual({ kind: "ok", value: "owner" });
    const audit = await db.selectFrom("audit_log").select(["action", "ip"]).where("actor_label", "=", email).execute();
    expect(audit.filter((a) => a.action === "auth.login_failed")).toHaveLength(5);
    expect(audit.filter((a) => a.action === "auth.login_throttled" && a.ip === "203.0.113.66")).toHaveLength(8);
  });

  it("gives a success's attempt back to its address, so many people behind one address can sign in", async () => {
    const { db } = database;
    const ip = "192.0.2.50";
    for (let i = 0; i < ADDRESS.free + 5; i++) {
      const result = await guardPassword(db, { email: `person${i}@example.vn`, ip, actorId: null, purpose: "login" }, async () => true);
      expect(result.kind).toBe("ok");
    }
    const row = await db.selectFrom("throttle_counters").select("count").where("key", "=", addressKey(ip)).executeTakeFirstOrThrow();
    expect(Number(row.count)).toBe(0);
    expect(await db.selectFrom("throttle_counters").select("key").where("key", "=", accountAtAddressKey("person0@example.vn", ip)).executeTakeFirst()).toBeUndefined();
  });

  it("sends three mails of one kind to one address at once, and no more that quarter hour, even when asked at the same moment", async () => {
    const { db } = database;
    const now = new Date();
    const taken = await Promise.all(Array.from({ length: 10 }, () => takeMailBudget(db, "reset", "Mai@Example.vn", now)));
    expect(taken.filter(Boolean)).toHaveLength(3);
    expect(await takeMailBudget(db, "reset", "mai@example.vn", later(now, 14 * MINUTE))).toBe(false);
    expect(await takeMailBudget(db, "verify", "mai@example.vn", now)).toBe(true);
  });

  it("prunes counters a day past their last wait and links a week past their use or expiry", async () => {
    const { db } = database;
    const now = at("2026-11-23T08:00:00Z");
    await db.deleteFrom("throttle_counters").execute();
    await takeAttempt(db, "test:old", ADDRESS, at("2026-11-21T07:00:00Z"));
    await takeAttempt(db, "test:recent", ADDRESS, at("2026-11-23T07:00:00Z"));
    await db
      .insertInto("users")
      .values({ id: "u1", email: "hoa@example.vn", name: "Hoa", created_at: now.toISOString(), updated_at: now.toISOString() })
      .execute();
    const token = (id: string, expires: string, used: string | null) => ({ id, user_id: "u1", kind: "reset_password" as const, token_hash: id, expires_at: expires, used_at: used, created_at: expires });
    await db
      .insertInto("auth_tokens")
      .values([token("old-expired", "2026-11-01T00:00:00Z", null), token("old-used", "2026-11-30T00:00:00Z", "2026-11-02T00:00:00Z"), token("live", "2026-11-23T09:00:00Z", null)])
      .execute();
    await pruneAuthRecords(db, now);
    const counters = await db.selectFrom("throttle_counters").select("key").execute();
    expect(counters.map((c) => c.key)).toEqual(["test:recent"]);
    const tokens = await db.selectFrom("auth_tokens").select("id").execute();
    expect(tokens.map((t) => t.id)).toEqual(["live"]);
  });
});
