import type { Locale } from "~/i18n/locale";
import { formatDate, formatDay, formatNumber, localized, translator } from "~/i18n/translate";
import { nowIso } from "~/lib/time";
import { renderDashboardReport } from "~/pdf/dashboard-report.server";
import type { DB } from "~db/schema";
import { dashboardCharts } from "./dashboard-charts";
import type { DashboardFilter } from "./dashboard.schema";
import { loadDashboard } from "./dashboard.server";

/** The filters as a reader would say them: names for the event and partner ids, dates written out. */
async function filtersInWords(db: DB, filter: DashboardFilter, locale: Locale) {
  const t = translator(locale);
  const [event, partner] = await Promise.all([
    filter.event ? db.selectFrom("events").select(["title_vi", "title_en"]).where("id", "=", filter.event).executeTakeFirst() : undefined,
    filter.partner ? db.selectFrom("organizations").select(["name_vi", "name_en"]).where("id", "=", filter.partner).executeTakeFirst() : undefined,
  ]);
  const words: { label: string; value: string }[] = [];
  if (filter.from) words.push({ label: t("monitoring.from"), value: formatDay(filter.from, locale) });
  if (filter.to) words.push({ label: t("monitoring.to"), value: formatDay(filter.to, locale) });
  if (filter.event) words.push({ label: t("monitoring.event"), value: event ? localized(event, "title", locale) : filter.event });
  if (filter.partner) words.push({ label: t("monitoring.partner"), value: partner ? localized(partner, "name", locale) : filter.partner });
  if (filter.sector) words.push({ label: t("monitoring.sector"), value: filter.sector });
  if (filter.province) words.push({ label: t("monitoring.province"), value: filter.province });
  if (filter.status) words.push({ label: t("monitoring.status"), value: t(`commitments.status.${filter.status}`) });
  return words;
}

/** What /dashboard shows for these filters, as a printable PDF report in the reader's language. */
export async function dashboardReportPdf(db: DB, filter: DashboardFilter, locale: Locale, now = nowIso()): Promise<Buffer> {
  const t = translator(locale);
  const [data, filters] = await Promise.all([loadDashboard(db, filter), filtersInWords(db, filter, locale)]);
  const n = (value: number) => formatNumber(value, locale);
  const mous = (status: string) => data.mousByStatus.find((m) => m.status === status)?.count ?? 0;
  const commitments = (status: string) => data.commitmentsByStatus.find((c) => c.status === status)?.count ?? 0;
  return renderDashboardReport({
    title: t("monitoring.reportTitle"),
    appName: t("app.name"),
    prepared: t("monitoring.reportPrepared", { date: formatDate(now, locale, "dateTime"), zone: t("events.timeZoneNote") }),
    filtersHeading: t("monitoring.filters"),
    filters,
    noFilters: t("monitoring.noFilters"),
    figuresHeading: t("monitoring.figures"),
    figures: [
      { label: t("dashboard.upcomingEvents"), value: n(data.upcomingEvents) },
      { label: t("dashboard.confirmedRegistrations"), value: n(data.confirmedRegistrations) },
      { label: t("dashboard.activeMous"), value: n(mous("active")) },
      { label: t("dashboard.awaitingSignatures"), value: n(mous("awaiting_signatures")) },
      { label: t("monitoring.commitments"), value: n(data.commitmentTotal) },
      { label: t("commitments.status.delayed"), value: n(commitments("delayed")) },
      { label: t("commitments.status.at_risk"), value: n(commitments("at_risk")) },
      { label: t("dashboard.lateMilestones"), value: n(data.lateMilestones.total) },
    ],
    charts: dashboardCharts(data, filter, t, locale),
    chartLabels: { noData: t("monitoring.noData"), group: t("monitoring.group"), total: t("monitoring.total") },
    pageOf: (page, pages) => t("monitoring.pageOf", { page, pages }),
  });
}
