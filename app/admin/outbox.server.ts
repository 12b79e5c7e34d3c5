import { recordAudit } from "~/audit/audit-log.server";
import { retryFailedJob } from "~/jobs/queue.server";
import type { DB, OutboxStatus } from "~db/schema";
import { OUTBOX_STATUSES } from "./outbox-statuses";

export const OUTBOX_PAGE_SIZE = 50;

export function isOutboxStatus(value: string | null): value is OutboxStatus {
  return OUTBOX_STATUSES.some((s) => s === value);
}

/** The outbox newest first, optionally one status, one page at a time; bodies stay out of the list. */
export async function listOutbox(db: DB, options: { status: OutboxStatus | null; page: number }) {
  let q = db.selectFrom("outbox");
  if (options.status) q = q.where("status", "=", options.status);
  const [rows, total] = await Promise.all([
    q
      .select(["id", "kind", "to_address", "subject", "status", "attempts", "last_error", "created_at", "sent_at"])
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(OUTBOX_PAGE_SIZE)
      .offset((options.page - 1) * OUTBOX_PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function countOutboxByStatus(db: DB) {
  const rows = await db
    .selectFrom("outbox")
    .select(["status", (eb) => eb.fn.countAll().as("n")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, Number(rows.find((r) => r.status === s)?.n ?? 0)])) as Record<
    OutboxStatus,
    number
  >;
}

/** One email with the time its job (of the same id) runs next. */
export async function findOutboxEmail(db: DB, id: string) {
  return db
    .selectFrom("outbox")
    .leftJoin("jobs", "jobs.id", "outbox.id")
    .select([
      "outbox.id",
      "outbox.kind",
      "outbox.to_address",
      "outbox.to_name",
      "outbox.locale",
      "outbox.subject",
      "outbox.text_body",
      "outbox.status",
      "outbox.attempts",
      "outbox.last_error",
      "outbox.created_at",
      "outbox.sent_at",
      "jobs.run_at as next_attempt_at",
    ])
    .where("outbox.id", "=", id)
    .executeTakeFirst();
}

/** Puts a failed email back in the queue with a fresh set of attempts; false when it had not failed. */
export async function resendEmail(db: DB, id: string, actor: { id: string; email: string }, ip: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("outbox")
      .set({ status: "pending", attempts: 0, last_error: null })
      .where("id", "=", id)
      .where("status", "=", "failed")
      .returning(["to_address", "subject"])
      .executeTakeFirst();
    if (!row) return false;
    await retryFailedJob(trx, id);
    await recordAudit(trx, {
      actorId: actor.id,
      actorLabel: actor.email,
      action: "outbox.resent",
      entityType: "outbox",
      entityId: id,
      after: row,
      ip,
    });
    return true;
  });
}
