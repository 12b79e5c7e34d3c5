import type { ServerBuild } from "@remix-run/node";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { DomainError, type DomainErrorCode } from "~/lib/domain-error";

/** The one mapping of domain refusals to HTTP; the bodies are those the routes answered with before. */
const HTTP: Record<DomainErrorCode, { status: number; body: string }> = {
  notFound: { status: 404, body: "Not found" },
  forbidden: { status: 403, body: "Forbidden" },
  conflict: { status: 409, body: "Conflict" },
  invalid: { status: 400, body: "Bad request" },
};

export function domainErrorResponse(error: DomainError, request: Request): Response {
  const { status, body } = HTTP[error.code];
  return new Response(error.messageKey ? translate(getLocale(request), error.messageKey) : body, { status });
}

function mappingDomainErrors<A extends { request: Request }>(fn: (args: A) => unknown): (args: A) => Promise<unknown> {
  return async (args) => {
    try {
      return await fn(args);
    } catch (error) {
      if (error instanceof DomainError) throw domainErrorResponse(error, args.request);
      throw error;
    }
  };
}

/**
 * The build with every loader and action answering a thrown DomainError with its status, so that
 * no route catches them one by one and the error boundary receives them as it receives any
 * thrown response.
 */
export function withDomainErrors(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const { loader, action } = route.module;
      const module = {
        ...route.module,
        ...(loader ? { loader: mappingDomainErrors(loader) } : {}),
        ...(action ? { action: mappingDomainErrors(action) } : {}),
      };
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}
