import type { ActionFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/form-body.server";
import { requestToJoin } from "~/orgs/join-requests.server";

const NOTICE = { joined: "orgs.join.joined", requested: "orgs.join.sent", already: "orgs.join.already" } as const;

/** A user asks to join an organization (or joins at once by their address's domain, when its admins allow it). */
export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "org.join" });
  const orgId = args.params.id ?? "";
  const message = String((await readForm(args.request)).get("message") ?? "").trim().slice(0, 1000) || null;
  const outcome = await requestToJoin(getDb(), actor.user, orgId, message, args.context.clientIp);
  return redirectWithFlash(`/orgs/${orgId}`, { key: NOTICE[outcome] }, args.context.secure);
}
