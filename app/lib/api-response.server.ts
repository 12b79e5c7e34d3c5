import { parseApiQuery, type ApiEndpoint, type ApiQuery } from "~/api/api.schema";
import type { SignedInActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import type { DB } from "~db/schema";

/** What a script reads is its owner's data of the moment: no cache, shared or private, keeps a copy. */
const HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...headers } });
}

/**
 * 401 with the challenge RFC 6750 asks for; `invalid_token` when a token was sent but is not a
 * live one (unknown, revoked, or its owner disabled).
 */
function unauthorized(request: Request): Response {
  const sent = request.headers.has("authorization");
  return apiJson({ error: "unauthorized", message: translate(getLocale(request), "api.error.unauthorized") }, 401, {
    "WWW-Authenticate": sent ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"',
  });
}

/**
 * One list endpoint of the read API: a token's owner (else 401), the query string read against
 * the endpoint's filters (else 400 naming the parameter, in the owner's language), then one page.
 */
export async function answerApiList<E extends ApiEndpoint>(
  request: Request,
  actor: SignedInActor | null,
  endpoint: E,
  read: (db: DB, actor: SignedInActor, query: ApiQuery<E>) => Promise<{ data: unknown[]; next: string | null }>,
): Promise<Response> {
  if (!actor) return unauthorized(request);
  const parsed = parseApiQuery(endpoint, new URL(request.url).searchParams);
  if (!parsed.ok) {
    const message = translate(actor.user.locale, parsed.problem, { parameter: parsed.parameter, values: parsed.allowed?.join(", ") ?? "" });
    return apiJson({ error: "invalid_parameter", parameter: parsed.parameter, message }, 400);
  }
  return apiJson(await read(getDb(), actor, parsed.query));
}

/** A path under /api/v1/ that names no endpoint. */
export function apiNotFound(request: Request): Response {
  return apiJson({ error: "not_found", message: translate(getLocale(request), "api.error.notFound") }, 404);
}
