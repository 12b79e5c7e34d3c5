import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { dashboardReportPdf } from "~/commitments/dashboard-report.server";
import { parseDashboardFilter } from "~/commitments/dashboard.schema";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";

/** What /dashboard shows for the same query string, as a printable PDF report. */
export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "dashboard.read" });
  const filter = parseDashboardFilter(new URL(args.request.url));
  const pdf = await dashboardReportPdf(getDb(), filter, getLocale(args.request));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": 'attachment; filename="dashboard.pdf"',
      "Cache-Control": "no-store",
    },
  });
}
