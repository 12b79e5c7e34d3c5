import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { buildEventIcs } from "~/events/calendar.server";
import { findPublicEvent } from "~/events/public-events.server";
import { getLocale } from "~/i18n/locale.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const event = await findPublicEvent(getDb(), params.slug ?? "");
  if (!event) throw new Response("Not found", { status: 404 });
  return new Response(buildEventIcs(event, getLocale(request), context.origin), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${event.slug}.ics"`,
      "Cache-Control": "no-cache",
    },
  });
}
