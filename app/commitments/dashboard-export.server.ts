import type { Locale } from "~/i18n/locale";
import { localized, translate } from "~/i18n/translate";
import { csvDocument, xlsxWorkbook } from "~/lib/spreadsheet.server";
import type { DashboardData } from "./dashboard.server";
import type { DashboardFilter } from "./dashboard.schema";
import { COMMITMENT_STATUSES } from "./status";

/**
 * The dashboard for one set of filters as one long table (section, group, measure, value), so the
 * CSV and the workbook carry the same figures the page shows, labelled in the reader's language.
 */
function dashboardTable(data: DashboardData, filter: DashboardFilter, locale: Locale) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const status = (s: string) => translate(locale, `commitments.status.${s}` as Parameters<typeof translate>[1]);
  const unknown = t("monitoring.unknown");
  const rows: string[][] = [];
  for (const [key, value] of Object.entries(filter)) if (value) rows.push([t("monitoring.filters"), key, "", value]);
  rows.push([t("dashboard.title"), "", t("dashboard.upcomingEvents"), String(data.upcomingEvents)]);
  rows.push([t("dashboard.title"), "", t("dashboard.confirmedRegistrations"), String(data.confirmedRegistrations)]);
  for (const m of data.mousByStatus) rows.push([t("dashboard.mousByStatus"), "", translate(locale, `mou.status.${m.status}`), String(m.count)]);
  for (const c of data.commitmentsByStatus) rows.push([t("dashboard.commitmentsByStatus"), "", status(c.status), String(c.count)]);
  for (const m of data.signedPerMonth) rows.push([t("monitoring.signedPerMonth"), m.month, t("monitoring.count"), String(m.count)]);
  const grouped = [
    [t("monitoring.statusByMonth"), data.statusByMonth.map((m) => ({ group: m.month, counts: m.counts }))],
    [t("monitoring.byPartner"), data.byPartner.map((p) => ({ group: localized(p, "name", locale) || unknown, counts: p.counts }))],
    [t("monitoring.bySector"), data.bySector.map((g) => ({ group: g.key ?? unknown, counts: g.counts }))],
    [t("monitoring.byProvince"), data.byProvince.map((g) => ({ group: g.key ?? unknown, counts: g.counts }))],
  ] as const;
  for (const [section, groups] of grouped) {
    for (const g of groups) for (const s of COMMITMENT_STATUSES) rows.push([section, g.group, status(s), String(g.counts[s])]);
  }
  for (const m of data.lateMilestones.rows) {
    rows.push([t("dashboard.lateMilestones"), `${m.reference} · ${localized(m, "title", locale)}`, t("dashboard.late"), String(m.daysLate)]);
  }
  return { header: [t("monitoring.section"), t("monitoring.group"), t("monitoring.measure"), t("monitoring.value")], rows };
}

export function dashboardCsv(data: DashboardData, filter: DashboardFilter, locale: Locale): string {
  const { header, rows } = dashboardTable(data, filter, locale);
  return csvDocument(header, rows);
}

export function dashboardXlsx(data: DashboardData, filter: DashboardFilter, locale: Locale): Promise<Buffer> {
  return xlsxWorkbook([{ name: translate(locale, "dashboard.title"), ...dashboardTable(data, filter, locale) }]);
}
