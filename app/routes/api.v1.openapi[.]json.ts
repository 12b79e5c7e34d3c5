import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "~/api/openapi";
import { apiJson } from "~/lib/api-response.server";

/** The read API's description, open to anyone: it names shapes, never data. */
export async function loader({ context }: LoaderFunctionArgs) {
  return apiJson(openApiDocument(context.origin));
}
