import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { dashboardXlsx } from "~/commitments/dashboard-export.server";
import { parseDashboardFilter } from "~/commitments/dashboard.schema";
import { loadDashboard } from "~/commitments/dashboard.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";

/** What /dashboard shows for the same query string, as an Excel workbook. */
export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "dashboard.read" });
  const filter = parseDashboardFilter(new URL(args.request.url));
  const data = await loadDashboard(getDb(), filter);
  return new Response(new Uint8Array(await dashboardXlsx(data, filter, getLocale(args.request))), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": 'attachment; filename="dashboard.xlsx"',
      "Cache-Control": "no-store",
    },
  });
}
