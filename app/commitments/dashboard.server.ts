import { sql } from "kysely";
import { pageOffset, PAGE_SIZE } from "~/lib/paging";
import { stampedCache } from "~/lib/stamped-cache.server";
import { nowIso, vietnamToday } from "~/lib/time";
import { MOU_STATUSES } from "~/mous/status";
import type { DB } from "~db/schema";
import { CHART_MONTHS, countsBy, monthOf, statusSeries } from "./dashboard-counts.server";
import { filteredCommitments, matchingMouIds } from "./dashboard-filter.server";
import { DASHBOARD_FILTER_KEYS, type DashboardFilter } from "./dashboard.schema";

/** Partners offered in the filter: the most committed ones (and the chosen one). */
const PARTNER_CHOICES = 100;

/**
 * The figures of the dashboard drawn from MoUs and commitments, kept per filters, page and day
 * while the 'monitoring' stamp stands (decision 0020): triggers raise it on any change to their
 * tables. The event tiles depend on the clock and on registrations, and are read every time.
 */
const cachedFigures = stampedCache<Awaited<ReturnType<typeof loadFigures>>>("monitoring", { maxAgeMs: 60_000, maxEntries: 200 });

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
  const key = JSON.stringify([DASHBOARD_FILTER_KEYS.map((k) => filter[k] ?? null), page, today]);
  const [upcomingRow, confirmedRow, figures] = await Promise.all([
    upcoming.executeTakeFirstOrThrow(),
    confirmed.executeTakeFirstOrThrow(),
    cachedFigures(db, key, () => loadFigures(db, filter, page, today)),
  ]);
  return { upcomingEvents: Number(upcomingRow.n), confirmedRegistrations: Number(confirmedRow.n), ...figures };
}

async function loadFigures(db: DB, filter: DashboardFilter, page: number, today: string) {
  const mouIds = matchingMouIds(db, filter);
  const mous = mouIds ? db.selectFrom("mous").where("mous.id", "in", mouIds) : db.selectFrom("mous");
  const firstSeal = db.selectFrom("agreements").select(["agreements.mou_id", (eb) => eb.fn.min("agreements.created_at").as("sealed_at")]).groupBy("agreements.mou_id");

  const [mouCounts, series, signedPerMonth, bySector, byProvince, byPartner] = await Promise.all([
    mous.select(["mous.status", (eb) => eb.fn.countAll().as("n")]).groupBy("mous.status").execute(),
    statusSeries(db, filter, today).then(async (s) => ({ ...s, late: await listOverdueMilestonePage(db, filter, page, today, s.overdueMilestones) })),
    (mouIds ? db.selectFrom(firstSeal.as("sealed")).where("sealed.mou_id", "in", mouIds) : db.selectFrom(firstSeal.as("sealed")))
      .select([monthOf("sealed.sealed_at").as("month"), (eb) => eb.fn.countAll().as("n")])
      .groupBy(monthOf("sealed.sealed_at"))
      .orderBy(monthOf("sealed.sealed_at"), "desc")
      .limit(CHART_MONTHS)
      .execute(),
    countsBy(db, filter, "commitments.owner_sector"),
    countsBy(db, filter, "commitments.owner_province"),
    countsBy(db, filter, "commitments.org_id"),
  ]);

  const partnerIds = byPartner.map((p) => p.key).filter((k): k is string => k !== null);
  const partnerNames = partnerIds.length ? await db.selectFrom("organizations").select(["id", "name_vi", "name_en"]).where("id", "in", partnerIds).execute() : [];
  const commitmentsByStatus = series.byStatus;

  return {
    mousByStatus: MOU_STATUSES.map((status) => ({ status, count: Number(mouCounts.find((m) => m.status === status)?.n ?? 0) })),
    commitmentsByStatus,
    commitmentTotal: commitmentsByStatus.reduce((sum, c) => sum + c.count, 0),
    signedPerMonth: signedPerMonth.map((r) => ({ month: r.month, count: Number(r.n) })).reverse(),
    statusByMonth: series.byMonth,
    bySector: bySector.map((g) => ({ ...g, label: g.key })),
    byProvince: byProvince.map((g) => ({ ...g, label: g.key })),
    byPartner: byPartner.map((g) => {
      const org = partnerNames.find((o) => o.id === g.key);
      return { ...g, name_vi: org?.name_vi ?? "", name_en: org?.name_en ?? "" };
    }),
    lateMilestones: { rows: series.late, total: series.overdueMilestones },
  };
}

export type DashboardData = Awaited<ReturnType<typeof loadDashboard>>;

/**
 * Overdue milestones beyond which a page is read from the milestones in due-date order, checking
 * each one's commitment against the filters, rather than sorting every overdue milestone of the
 * filtered commitments: the first pages then stop at their limit.
 */
const SORT_OVERDUE_AT_MOST = 5_000;

/**
 * One page of the overdue milestones of the filtered commitments, the longest overdue first; their
 * number (`overdue`) comes with the status series and chooses which way round to read.
 */
async function listOverdueMilestonePage(db: DB, filter: DashboardFilter, page: number, today: string, overdue: number) {
  const ids =
    overdue > SORT_OVERDUE_AT_MOST
      ? await db
          .selectFrom("milestones")
          .select("milestones.id")
          .where("milestones.due_on", "<", today)
          .where("milestones.status", "!=", "done")
          .where((eb) =>
            eb.exists(
              filteredCommitments(db, filter)
                .select("commitments.id")
                .where("commitments.cancelled_at", "is", null)
                .where(sql<boolean>`${sql.ref("commitments.id")} = ${sql.ref("milestones.commitment_id")}`),
            ),
          )
          .orderBy("milestones.due_on")
          .orderBy("milestones.id")
          .limit(PAGE_SIZE)
          .offset(pageOffset(page))
          .execute()
      : await filteredCommitments(db, filter)
          .innerJoin("milestones", "milestones.commitment_id", "commitments.id")
          .where("milestones.due_on", "<", today)
          .where("milestones.status", "!=", "done")
          .where("commitments.cancelled_at", "is", null)
          .select("milestones.id")
          .orderBy("milestones.due_on")
          .orderBy("milestones.id")
          .limit(PAGE_SIZE)
          .offset(pageOffset(page))
          .execute();
  if (!ids.length) return [];
  const rows = await db
    .selectFrom("milestones")
    .innerJoin("commitments", "commitments.id", "milestones.commitment_id")
    .innerJoin("organizations as owner", "owner.id", "commitments.org_id")
    .innerJoin("mous", "mous.id", "commitments.mou_id")
    .where(
      "milestones.id",
      "in",
      ids.map((m) => m.id),
    )
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
    .execute();
  return rows.map((m) => ({ ...m, daysLate: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${m.due_on}T00:00:00Z`)) / 86_400_000) }));
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
