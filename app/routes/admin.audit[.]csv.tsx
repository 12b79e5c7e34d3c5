import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseAuditFilter } from "~/admin/audit.schema";
import { auditCsv } from "~/admin/audit.server";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";

/** The audit log as /admin/audit filters it, as CSV. */
export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "audit.read" });
  const csv = await auditCsv(getDb(), parseAuditFilter(new URL(args.request.url)), getLocale(args.request));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="audit-log.csv"',
      "Cache-Control": "no-store",
    },
  });
}
