import type { LoaderFunctionArgs } from "@remix-run/node";
import { readApiMilestones } from "~/api/monitoring-readers.server";
import { getApiActor } from "~/auth/permissions.server";
import { answerApiList } from "~/lib/api-response.server";

/** GET /api/v1/milestones: one page, for a bearer token only (described in /api/v1/openapi.json). */
export async function loader({ request }: LoaderFunctionArgs) {
  return answerApiList(request, await getApiActor(request), "milestones", readApiMilestones);
}
