import type { LoaderFunctionArgs } from "@remix-run/node";
import { PRIVATE_HEADERS, requireTicket } from "~/events/ticket.server";
import { renderTicketPdf } from "~/pdf/ticket.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const { registration, event } = await requireTicket(params.code);
  if (registration.erased_at) throw new Response("Not found", { status: 404 });
  const pdf = await renderTicketPdf({ event, attendee: registration, code: registration.ticket_code, locale: registration.locale });
  return new Response(new Uint8Array(pdf), {
    headers: { ...PRIVATE_HEADERS, "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="ticket-${event.slug}.pdf"` },
  });
}
