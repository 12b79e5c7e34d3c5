import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { registrationsXlsx } from "~/events/export.server";
import { requireManagedEvent } from "~/events/manage.server";
import { listRegistrations } from "~/events/registrations.server";
import { getLocale } from "~/i18n/locale.server";

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  const registrations = await listRegistrations(getDb(), event.id, {}, 100_000);
  const body = await registrationsXlsx(registrations, event.questions, getLocale(args.request));
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="registrations-${event.slug}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
