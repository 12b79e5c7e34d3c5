import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "~/auth/login.server";
import { hashPassword } from "~/auth/password.server";
import { openMigratedDatabase, testDialect } from "../helpers/database";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe(`sign-in timing (${testDialect()})`, () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase();
    const now = new Date().toISOString();
    const user = (id: string, email: string, password_hash: string | null) => ({ id, email, name: id, password_hash, email_verified_at: now, created_at: now, updated_at: now });
    await database.db
      .insertInto("users")
      .values([user("known", "known@example.vn", await hashPassword("mot-cum-tu-de-nho")), user("invited", "invited@example.vn", null)])
      .execute();
  });
  afterAll(async () => database?.close());

  it("answers an unknown email, an account without a password and a wrong password after the same work", async () => {
    const { db } = database;
    const paths = { unknown: "nobody@example.vn", noPassword: "invited@example.vn", known: "known@example.vn" };
    const times: Record<keyof typeof paths, number[]> = { unknown: [], noPassword: [], known: [] };
    // Warm-up (the dummy hash is made on first use), then the paths interleaved so that load on
    // the machine falls on all of them alike; medians ignore the odd slow run.
    for (const email of Object.values(paths)) await authenticate(db, email, "wrong-password");
    for (let round = 0; round < 9; round++) {
      for (const [path, email] of Object.entries(paths) as [keyof typeof paths, string][]) {
        const start = performance.now();
        expect(await authenticate(db, email, "wrong-password")).toBeNull();
        times[path].push(performance.now() - start);
      }
    }
    const known = median(times.known);
    // Without the dummy verification an unknown email answers after one query: tens of times faster.
    for (const path of ["unknown", "noPassword"] as const) {
      const ratio = median(times[path]) / known;
      expect(ratio, `${path}: ${times[path].map(Math.round)} ms against ${times.known.map(Math.round)} ms`).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    }
  });
});
