import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSignInThrottled, pruneAuthRecords, recordSignInFailure } from "~/auth/throttle.server";
import { openMigratedDatabase } from "../helpers/database";

describe("sign-in counters and emailed links in the database", () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase();
  });
  afterAll(async () => database?.close());

  it("forgets failures once the fifteen-minute window has passed", async () => {
    const { db } = database;
    const then = new Date("2026-11-20T08:00:00Z");
    for (let i = 0; i < 5; i++) await recordSignInFailure(db, "lan@example.vn", "203.0.113.7", then);
    expect(await isSignInThrottled(db, "lan@example.vn", "198.51.100.1", new Date("2026-11-20T08:10:00Z"))).toBe(true);
    expect(await isSignInThrottled(db, "lan@example.vn", "198.51.100.1", new Date("2026-11-20T08:16:00Z"))).toBe(false);
  });

  it("prunes counters older than a day and links a week past their use or expiry", async () => {
    const { db } = database;
    const now = new Date("2026-11-23T08:00:00Z");
    await recordSignInFailure(db, "hoa@example.vn", "203.0.113.8", new Date("2026-11-23T07:00:00Z"));
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
    const attempts = await db.selectFrom("login_attempts").select("key").execute();
    expect(attempts.map((a) => a.key).sort()).toEqual(["email:hoa@example.vn", "ip:203.0.113.8"]);
    const tokens = await db.selectFrom("auth_tokens").select("id").execute();
    expect(tokens.map((t) => t.id)).toEqual(["live"]);
  });
});
