import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiNotFound } from "~/lib/api-response.server";

/** Any other path under /api/v1/: a JSON 404 for scripts, not the portal's HTML page. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiNotFound(request);
}
