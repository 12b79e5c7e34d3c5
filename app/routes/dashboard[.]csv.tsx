import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { dashboardCsv } from "~/commitments/dashboard-export.server";
import { parseDashboardFilter } from "~/commitments/dashboard.schema";
import { loadDashboard } from "~/commitments/dashboard.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";

/** What /dashboard shows for the same query string, as CSV. */
export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "dashboard.read" });
  const filter = parseDashboardFilter(new URL(args.request.url));
  const data = await loadDashboard(getDb(), filter);
  return new Response(dashboardCsv(data, filter, getLocale(args.request)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="dashboard.csv"',
      "Cache-Control": "no-store",
    },
  });
}
