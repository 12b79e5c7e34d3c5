import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPersonalData } from "~/events/personal-data.server";
import { PRIVATE_HEADERS, requireTicket } from "~/events/ticket.server";

/** The attendee's own data as JSON (Decree 13/2023/NĐ-CP: the right to obtain one's data). */
export async function loader({ params }: LoaderFunctionArgs) {
  const { registration, event } = await requireTicket(params.code);
  return new Response(JSON.stringify(exportPersonalData(registration, event), null, 2), {
    headers: { ...PRIVATE_HEADERS, "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="my-registration-${event.slug}.json"` },
  });
}
