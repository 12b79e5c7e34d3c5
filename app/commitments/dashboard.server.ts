import { sql } from "kysely";
import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import { nowIso, vietnamToday } from "~/lib/time";
import { MOU_STATUSES } from "~/mous/status";
import type { DB } from "~db/schema";
import { mouIsSealed } from "./commitments.server";
import type { DashboardFilter } from "./dashboard.schema";
import { COMMITMENT_STATUSES, type CommitmentStatus } from "./status";

/** Bars a chart shows at most: the largest groups, the rest summed in the table's total. */
const CHART_GROUPS = 12;
/** Months of the per-month charts, counting back from the latest with data. */
const CHART_MONTHS = 24;
/** Partners offered in the filter: the most committed ones (and the chosen one). */
const PARTNER_CHOICES = 100;

type StatusCounts = Record<CommitmentStatus, number>;

const emptyCounts = (): StatusCounts => Object.fromEntries(COMMITMENT_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** `YYYY-MM` of a date or timestamp column, the same on both dialects. */
const monthOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 7)`;

/** The ids of the MoUs the event, partner and signing-date filters select; null when none is set. */
function matchingMouIds(db: DB, filter: DashboardFilter) {
  if (!filter.event && !filter.partner && !filter.from && !filter.to) return null;
  let q = db.selectFrom("mous").select("mous.id");
  if (filter.event) q = q.where("mous.event_id", "=", filter.event);
  if (filter.partner) q = q.where((eb) => eb.exists(eb.selectFrom("mou_parties").select("mou_parties.id").whereRef("mou_parties.mou_id", "=", "mous.id").where("mou_parties.org_id", "=", filter.partner!)));
  if (filter.from || filter.to) {
    q = q.where((eb) => {
      let signed = eb.selectFrom("agreements").select("agreements.id").whereRef("agreements.mou_id", "=", "mous.id");
      if (filter.from) signed = signed.where("agreements.created_at", ">=", `${filter.from}T00:00:00.000Z`);
      if (filter.to) signed = signed.where("agreements.created_at", "<=", `${filter.to}T23:59:59.999Z`);
      return eb.exists(signed);
    });
  }
  return q;
}

/** The tracked commitments the filters select, joined to their owner organization. */
export function filteredCommitments(db: DB, filter: DashboardFilter) {
  let q = db
    .selectFrom("commitments")
    .innerJoin("organizations as owner", "owner.id", "commitments.org_id")
    .where(mouIsSealed);
  const mouIds = matchingMouIds(db, filter);
  if (mouIds) q = q.where("commitments.mou_id", "in", mouIds);
  if (filter.status) q = q.where("commitments.status", "=", filter.status);
  if (filter.sector) q = q.where("owner.sector", "=", filter.sector);
  if (filter.province) q = q.where("owner.province", "=", filter.province);
  return q;
}

/** Status counts grouped by one column, the largest groups first. */
async function countsBy(db: DB, filter: DashboardFilter, column: "owner.sector" | "owner.province" | "owner.id", limit = CHART_GROUPS) {
  const totals = await filteredCommitments(db, filter)
    .select([sql<string | null>`${sql.ref(column)}`.as("k"), (eb) => eb.fn.countAll().as("n")])
    .groupBy(column)
    .orderBy(sql`count(*)`, "desc")
    .orderBy(column)
    .limit(limit)
    .execute();
  const keys = totals.map((t) => t.k);
  const split = keys.length
    ? await filteredCommitments(db, filter)
        .select([sql<string | null>`${sql.ref(column)}`.as("k"), "commitments.status", (eb) => eb.fn.countAll().as("n")])
        .where((eb) => (keys.includes(null) ? eb.or([eb(column, "in", keys.filter((k) => k !== null) as string[]), eb(column, "is", null)]) : eb(column, "in", keys as string[])))
        .groupBy([column, "commitments.status"])
        .execute()
    : [];
  return totals.map((t) => {
    const counts = emptyCounts();
    for (const s of split) if (s.k === t.k && s.status in counts) counts[s.status as CommitmentStatus] = Number(s.n);
    return { key: t.k, total: Number(t.n), counts };
  });
}

/** The staff overview for these filters: tiles, the data of each chart, and a page of overdue milestones. */
export async function loadDashboard(db: DB, filter: DashboardFilter, { page = 1, today = vietnamToday() } = {}) {
  const now = nowIso();
  let upcoming = db.selectFrom("events").select((eb) => eb.fn.countAll().as("n")).where("status", "=", "published").where("ends_at", ">=", now);
  let confirmed = db
    .selectFrom("registrations")
    .innerJoin("events", "events.id", "registrations.event_id")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("registrations.status", "=", "confirmed")
    .where("events.ends_at", ">=", now);
  if (filter.event) {
    upcoming = upcoming.where("events.id", "=", filter.event);
    confirmed = confirmed.where("events.id", "=", filter.event);
  }
  const mouIds = matchingMouIds(db, filter);
  const mous = mouIds ? db.selectFrom("mous").where("mous.id", "in", mouIds) : db.selectFrom("mous");
  const firstSeal = db.selectFrom("agreements").select(["agreements.mou_id", (eb) => eb.fn.min("agreements.created_at").as("sealed_at")]).groupBy("agreements.mou_id");

  const [upcomingRow, confirmedRow, mouCounts, statusCounts, signedPerMonth, statusByMonth, bySector, byProvince, byPartner, late] = await Promise.all([
    upcoming.executeTakeFirstOrThrow(),
    confirmed.executeTakeFirstOrThrow(),
    mous.select(["mous.status", (eb) => eb.fn.countAll().as("n")]).groupBy("mous.status").execute(),
    filteredCommitments(db, filter).select(["commitments.status", (eb) => eb.fn.countAll().as("n")]).groupBy("commitments.status").execute(),
    (mouIds ? db.selectFrom(firstSeal.as("sealed")).where("sealed.mou_id", "in", mouIds) : db.selectFrom(firstSeal.as("sealed")))
      .select([monthOf("sealed.sealed_at").as("month"), (eb) => eb.fn.countAll().as("n")])
      .groupBy(monthOf("sealed.sealed_at"))
      .orderBy(monthOf("sealed.sealed_at"), "desc")
      .limit(CHART_MONTHS)
      .execute(),
    filteredCommitments(db, filter)
      .select([monthOf("commitments.due_on").as("month"), "commitments.status", (eb) => eb.fn.countAll().as("n")])
      .groupBy([monthOf("commitments.due_on"), "commitments.status"])
      .orderBy(monthOf("commitments.due_on"), "desc")
      .limit(CHART_MONTHS * COMMITMENT_STATUSES.length)
      .execute(),
    countsBy(db, filter, "owner.sector"),
    countsBy(db, filter, "owner.province"),
    countsBy(db, filter, "owner.id"),
    listOverdueMilestones(db, filter, page, today),
  ]);

  const partnerIds = byPartner.map((p) => p.key).filter((k): k is string => k !== null);
  const partnerNames = partnerIds.length ? await db.selectFrom("organizations").select(["id", "name_vi", "name_en"]).where("id", "in", partnerIds).execute() : [];
  const months = [...new Set(statusByMonth.map((r) => r.month))].sort().slice(-CHART_MONTHS);
  const commitmentsByStatus = COMMITMENT_STATUSES.map((status) => ({ status, count: Number(statusCounts.find((c) => c.status === status)?.n ?? 0) }));

  return {
    upcomingEvents: Number(upcomingRow.n),
    confirmedRegistrations: Number(confirmedRow.n),
    mousByStatus: MOU_STATUSES.map((status) => ({ status, count: Number(mouCounts.find((m) => m.status === status)?.n ?? 0) })),
    commitmentsByStatus,
    commitmentTotal: commitmentsByStatus.reduce((sum, c) => sum + c.count, 0),
    signedPerMonth: signedPerMonth.map((r) => ({ month: r.month, count: Number(r.n) })).reverse(),
    statusByMonth: months.map((month) => {
      const counts = emptyCounts();
      for (const r of statusByMonth) if (r.month === month && r.status in counts) counts[r.status as CommitmentStatus] = Number(r.n);
      return { month, counts };
    }),
    bySector: bySector.map((g) => ({ ...g, label: g.key })),
    byProvince: byProvince.map((g) => ({ ...g, label: g.key })),
    byPartner: byPartner.map((g) => {
      const org = partnerNames.find((o) => o.id === g.key);
      return { ...g, name_vi: org?.name_vi ?? "", name_en: org?.name_en ?? "" };
    }),
    lateMilestones: late,
  };
}

export type DashboardData = Awaited<ReturnType<typeof loadDashboard>>;

/** Overdue milestones of the filtered commitments, the longest overdue first, one page at a time, with the count. */
export async function listOverdueMilestones(db: DB, filter: DashboardFilter, page: number, today = vietnamToday()) {
  const base = filteredCommitments(db, filter)
    .innerJoin("milestones", "milestones.commitment_id", "commitments.id")
    .where("milestones.status", "!=", "done")
    .where("milestones.due_on", "<", today)
    .where("commitments.cancelled_at", "is", null);
  const [rows, total] = await Promise.all([
    base
      .innerJoin("mous", "mous.id", "commitments.mou_id")
      .select([
        "milestones.id",
        "milestones.title_vi",
        "milestones.title_en",
        "milestones.due_on",
        "commitments.id as commitment_id",
        "commitments.title_vi as commitment_title_vi",
        "commitments.title_en as commitment_title_en",
        "commitments.org_id",
        "owner.name_vi as org_name_vi",
        "owner.name_en as org_name_en",
        "commitments.mou_id",
        "mous.reference",
      ])
      .orderBy("milestones.due_on")
      .orderBy("milestones.id")
      .limit(PAGE_SIZE)
      .offset(pageOffset(page))
      .execute(),
    base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((m) => ({ ...m, daysLate: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${m.due_on}T00:00:00Z`)) / 86_400_000) })),
    total: Number(total.n),
  };
}

/** What the filter form offers: events with MoUs, the most committed partners, sectors and provinces. */
export async function loadDashboardChoices(db: DB, filter: DashboardFilter) {
  const [events, partners, sectors, provinces] = await Promise.all([
    db
      .selectFrom("events")
      .select(["events.id", "events.title_vi", "events.title_en"])
      .where((eb) => eb.exists(eb.selectFrom("mous").select("mous.id").whereRef("mous.event_id", "=", "events.id")))
      .orderBy("events.starts_at", "desc")
      .limit(PARTNER_CHOICES)
      .execute(),
    db
      .selectFrom("organizations")
      .select(["organizations.id", "organizations.name_vi", "organizations.name_en"])
      .where((eb) =>
        eb.or([
          eb("organizations.id", "in", eb.selectFrom("mou_parties").select("mou_parties.org_id").groupBy("mou_parties.org_id").orderBy(sql`count(*)`, "desc").limit(PARTNER_CHOICES)),
          ...(filter.partner ? [eb("organizations.id", "=", filter.partner)] : []),
        ]),
      )
      .orderBy("organizations.name_vi")
      .execute(),
    db.selectFrom("organizations").select("sector as value").distinct().where("sector", "is not", null).orderBy("sector").limit(PARTNER_CHOICES).execute(),
    db.selectFrom("organizations").select("province as value").distinct().where("province", "is not", null).orderBy("province").limit(PARTNER_CHOICES).execute(),
  ]);
  return { events, partners, sectors: sectors.map((s) => s.value!), provinces: provinces.map((p) => p.value!) };
}
