import { PostgresAdapter, sql, type SelectQueryBuilder } from "kysely";
import type { Trx, Tx } from "~db/schema";

/**
 * Whether this handle talks to PostgreSQL; read from the handle, so it holds inside a transaction too.
 * The one place that asks: every other module states what it needs (a row lock, a skip) and stays
 * dialect-blind (a guard test keeps it so).
 */
export function isPostgres(db: Trx): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Locks the selected rows until the transaction ends, so others wanting them wait for our decision.
 * SQLite has one writer and Kysely runs one transaction at a time on its connection: a no-op there.
 */
export function forUpdate<DB, TB extends keyof DB, O>(trx: Tx, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(trx) ? query.forUpdate() : query;
}

/**
 * Like `forUpdate`, for a row that others reference: PostgreSQL's weaker FOR NO KEY UPDATE still
 * excludes every other locker, but lets an insert whose foreign key points at the row check it
 * meanwhile. With FOR UPDATE such an insert waits for the row, and a transaction that holds another
 * lock the locker wants next (a seat claim inserting a registration under the seat lock, against a
 * cancellation holding the event and wanting the seats) deadlocks with it.
 */
export function forNoKeyUpdate<DB, TB extends keyof DB, O>(trx: Tx, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(trx) ? query.forNoKeyUpdate() : query;
}

/**
 * Locks the selected rows and passes over rows another transaction holds, so several processes
 * can take work from one table without taking the same row. SQLite has one writer: a no-op there.
 */
export function forUpdateSkipLocked<DB, TB extends keyof DB, O>(db: Trx, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(db) ? query.forUpdate().skipLocked() : query;
}

/**
 * Keeps the query planner's statistics current as tables grow (decision 0020), hourly and after a
 * bulk load: SQLite re-analyzes only the tables that changed much since their last analysis;
 * PostgreSQL samples every table (its autovacuum would too, but only some time after a bulk load).
 */
export async function refreshPlannerStatistics(db: Trx): Promise<void> {
  await (isPostgres(db) ? sql`ANALYZE` : sql`PRAGMA optimize`).execute(db);
}
