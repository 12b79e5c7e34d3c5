import { PostgresAdapter, type SelectQueryBuilder } from "kysely";
import type { Trx } from "~db/schema";

/** Whether this handle talks to PostgreSQL; read from the handle, so it holds inside a transaction too. */
export function isPostgres(db: Trx): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Locks the selected rows and passes over rows another transaction holds, so several processes
 * can take work from one table without taking the same row. SQLite has one writer: a no-op there.
 */
export function forUpdateSkipLocked<DB, TB extends keyof DB, O>(db: Trx, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(db) ? query.forUpdate().skipLocked() : query;
}
