import type { MessageKey } from "~/i18n/messages";

/**
 * Why a domain function refused. Domain modules speak in these codes, never in HTTP: the route
 * layer maps them to statuses in one place (app/server/domain-errors.server.ts).
 */
export type DomainErrorCode = "notFound" | "forbidden" | "conflict" | "invalid";

export class DomainError extends Error {
  /** What to tell the reader, when there is more to say than the status. */
  readonly messageKey?: MessageKey;
  /** The form field the message belongs next to; the form as a whole when absent. */
  readonly field?: string;

  constructor(
    readonly code: DomainErrorCode,
    options: { messageKey?: MessageKey; field?: string } = {},
  ) {
    super(options.messageKey ? `${code}: ${options.messageKey}` : code);
    this.name = "DomainError";
    this.messageKey = options.messageKey;
    this.field = options.field;
  }
}
