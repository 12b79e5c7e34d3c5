import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScorecard } from "~/commitments/scorecard.server";
import { refreshCommitmentStatuses } from "~/commitments/stored-status.server";
import { newId } from "~/lib/ids.server";
import { seedScale } from "~/demo/seed-scale.server";
import type { DB } from "~db/schema";
import { openMigratedDatabase } from "../helpers/database";

describe("the organization scorecard", () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: DB;
  beforeAll(async () => {
    database = await openMigratedDatabase();
    db = database.db;
    await seedScale(db, 40);
  });
  afterAll(async () => database?.close());

  it("counts only the organization's own MoUs and commitments, in SQL", async () => {
    const org = await db.selectFrom("commitments").select("org_id").limit(1).executeTakeFirstOrThrow();
    const card = await loadScorecard(db, org.org_id);
    const own = await db.selectFrom("commitments").select("status").where("org_id", "=", org.org_id).execute();
    expect(card.commitmentsByStatus.reduce((s, c) => s + c.count, 0)).toBe(own.length);
    for (const c of card.commitmentsByStatus) expect(c.count).toBe(own.filter((o) => o.status === c.status).length);
    const parties = await db.selectFrom("mou_parties").select("mou_id").where("org_id", "=", org.org_id).execute();
    expect(card.mousByStatus.reduce((s, m) => s + m.count, 0)).toBe(new Set(parties.map((p) => p.mou_id)).size);
    expect(card.latestMous.length).toBeLessThanOrEqual(10);
  });

  it("rates milestones met on time against those done or overdue", async () => {
    const org = await db.selectFrom("commitments").select(["id", "org_id"]).limit(1).executeTakeFirstOrThrow();
    await db.deleteFrom("milestones").where("commitment_id", "in", db.selectFrom("commitments").select("id").where("org_id", "=", org.org_id)).execute();
    const now = new Date().toISOString();
    const m = (due_on: string, status: "done" | "pending", done_at: string | null) => ({
      id: newId(), commitment_id: org.id, title_vi: "Mốc", title_en: null, due_on, weight: 1, status, done_at, sort_order: 0, created_at: now, updated_at: now,
    });
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("milestones")
        .values([m("2020-01-10", "done", "2020-01-09T03:00:00.000Z"), m("2020-01-10", "done", "2020-02-01T03:00:00.000Z"), m("2020-01-10", "pending", null), m("2999-01-01", "pending", null)])
        .execute();
      await refreshCommitmentStatuses(trx, [org.id]);
    });
    const card = await loadScorecard(db, org.org_id);
    expect(card.milestonesDue).toBe(3);
    expect(card.onTimeRate).toBeCloseTo(1 / 3);
  });
});
