import type { Locale } from "~/i18n/locale";
import { localized, type Translate } from "~/i18n/translate";
import { dashboardQuery, type DashboardFilter } from "./dashboard.schema";
import { COMMITMENT_STATUSES, type CommitmentStatus } from "./status";

export type DashboardChartSeries = { key: string; label: string; className: string };
export type DashboardChartRow = { label: string; href?: string; values: Record<string, number> };
export type DashboardChart = { title: string; series: DashboardChartSeries[]; rows: DashboardChartRow[] };

type StatusGroup = { key: string | null; counts: Record<CommitmentStatus, number> };

/** The parts of the dashboard's data its charts draw: the loader's result, or its JSON on the page. */
export type DashboardChartData = {
  commitmentsByStatus: { status: CommitmentStatus; count: number }[];
  signedPerMonth: { month: string; count: number }[];
  statusByMonth: { month: string; counts: Record<CommitmentStatus, number> }[];
  byPartner: (StatusGroup & { name_vi: string; name_en: string })[];
  bySector: StatusGroup[];
  byProvince: StatusGroup[];
};

/**
 * The dashboard's charts, built once from its data: the page draws them as SVG and the PDF report
 * draws the very same series with pdfkit, so the two never show different figures.
 */
export function dashboardCharts(data: DashboardChartData, filter: DashboardFilter, t: Translate, locale: Locale): DashboardChart[] {
  const count = [{ key: "count", label: t("monitoring.count"), className: "series-count" }];
  const statuses = COMMITMENT_STATUSES.map((s) => ({ key: s, label: t(`commitments.status.${s}`), className: `series-${s}` }));
  const groupLabel = (key: string | null) => key ?? t("monitoring.unknown");
  const narrowed = (extra: Partial<DashboardFilter>) => `/dashboard${dashboardQuery({ ...filter, ...extra })}`;
  return [
    {
      title: t("dashboard.commitmentsByStatus"),
      series: count,
      rows: data.commitmentsByStatus.map((c) => ({ label: t(`commitments.status.${c.status}`), href: `/commitments?status=${c.status}`, values: { count: c.count } })),
    },
    { title: t("monitoring.signedPerMonth"), series: count, rows: data.signedPerMonth.map((m) => ({ label: m.month, values: { count: m.count } })) },
    { title: t("monitoring.statusByMonth"), series: statuses, rows: data.statusByMonth.map((m) => ({ label: m.month, values: m.counts })) },
    {
      title: t("monitoring.byPartner"),
      series: statuses,
      rows: data.byPartner.map((p) => ({ label: localized(p, "name", locale) || groupLabel(null), href: p.key ? narrowed({ partner: p.key }) : undefined, values: p.counts })),
    },
    {
      title: t("monitoring.bySector"),
      series: statuses,
      rows: data.bySector.map((g) => ({ label: groupLabel(g.key), href: g.key ? narrowed({ sector: g.key }) : undefined, values: g.counts })),
    },
    {
      title: t("monitoring.byProvince"),
      series: statuses,
      rows: data.byProvince.map((g) => ({ label: groupLabel(g.key), href: g.key ? narrowed({ province: g.key }) : undefined, values: g.counts })),
    },
  ];
}
