import type { Actor } from "~/auth/permissions.server";
import { nowIso, vietnamToday } from "~/lib/time";
import { MOU_STATUSES } from "~/mous/status";
import type { DB } from "~db/schema";
import { listTrackedCommitments } from "./commitments.server";
import { COMMITMENT_STATUSES } from "./status";

/** The staff overview: what is coming, what is signed, and what is late. */
export async function loadDashboard(db: DB, actor: Actor) {
  const now = nowIso();
  const today = vietnamToday();
  const upcoming = await db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status", "=", "published")
    .where("ends_at", ">=", now)
    .executeTakeFirstOrThrow();
  const confirmed = await db
    .selectFrom("registrations")
    .innerJoin("events", "events.id", "registrations.event_id")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("registrations.status", "=", "confirmed")
    .where("events.ends_at", ">=", now)
    .executeTakeFirstOrThrow();
  const mouCounts = await db.selectFrom("mous").select(["status", (eb) => eb.fn.countAll().as("n")]).groupBy("status").execute();
  const commitments = await listTrackedCommitments(db, actor, today);

  const lateMilestones = commitments
    .flatMap((c) =>
      c.milestones
        .filter((m) => m.late && c.status !== "cancelled")
        .map((m) => ({
          id: m.id,
          title_vi: m.title_vi,
          title_en: m.title_en,
          due_on: m.due_on,
          daysLate: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${m.due_on}T00:00:00Z`)) / 86_400_000),
          commitment_title_vi: c.title_vi,
          commitment_title_en: c.title_en,
          org_id: c.org_id,
          org_name_vi: c.org_name_vi,
          org_name_en: c.org_name_en,
          mou_id: c.mou_id,
          reference: c.reference,
        })),
    )
    .sort((a, b) => b.daysLate - a.daysLate);

  return {
    upcomingEvents: Number(upcoming.n),
    confirmedRegistrations: Number(confirmed.n),
    mousByStatus: MOU_STATUSES.map((status) => ({ status, count: Number(mouCounts.find((m) => m.status === status)?.n ?? 0) })),
    commitmentsByStatus: COMMITMENT_STATUSES.map((status) => ({ status, count: commitments.filter((c) => c.status === status).length })),
    lateMilestones,
  };
}
