import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { registrationsCsv } from "~/events/export.server";
import { requireManagedEvent } from "~/events/manage.server";
import { listRegistrations } from "~/events/registrations.server";
import { getLocale } from "~/i18n/locale.server";

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  const registrations = await listRegistrations(getDb(), event.id, {}, 100_000);
  return new Response(registrationsCsv(registrations, event.questions, getLocale(args.request)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="registrations-${event.slug}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
