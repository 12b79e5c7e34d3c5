import type { OutboxStatus } from "~db/schema";

/** The outbox statuses, for the server's filter and the page's choices alike. */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const satisfies readonly OutboxStatus[];
