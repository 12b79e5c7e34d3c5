import { z } from "zod";
import type { CommitmentStatus } from "./status";
import { isCommitmentStatus } from "./status";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.string().trim().min(1).max(64);
const label = z.string().trim().min(1).max(120);

/**
 * The dashboard's filters, read from its URL (and so shared by its exports). A value that does not
 * parse is dropped rather than refused: a filter link edited by hand still shows a dashboard.
 */
export const DashboardFilterSchema = z.object({
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  event: id.optional().catch(undefined),
  partner: id.optional().catch(undefined),
  sector: label.optional().catch(undefined),
  province: label.optional().catch(undefined),
  status: z.custom<CommitmentStatus>((v) => typeof v === "string" && isCommitmentStatus(v)).optional().catch(undefined),
});

export type DashboardFilter = z.output<typeof DashboardFilterSchema>;

export const DASHBOARD_FILTER_KEYS = ["from", "to", "event", "partner", "sector", "province", "status"] as const;

export function parseDashboardFilter(url: URL): DashboardFilter {
  return DashboardFilterSchema.parse(Object.fromEntries(DASHBOARD_FILTER_KEYS.map((k) => [k, url.searchParams.get(k) || undefined])));
}

/** The filters as a query string, for links to the exports and to the filtered lists. */
export function dashboardQuery(filter: DashboardFilter): string {
  const params = new URLSearchParams();
  for (const k of DASHBOARD_FILTER_KEYS) if (filter[k]) params.set(k, filter[k]!);
  const text = params.toString();
  return text ? `?${text}` : "";
}
