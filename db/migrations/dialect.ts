import { PostgresAdapter, type Kysely } from "kysely";

/** The few column types the two dialects spell differently. Frozen with the migrations that use it. */
export function dialectTypes(db: Kysely<any>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    postgres,
    binary: postgres ? ("bytea" as const) : ("blob" as const),
    /** Lucia's adapters: epoch seconds on SQLite, timestamptz on PostgreSQL. */
    sessionExpiry: postgres ? ("timestamptz" as const) : ("integer" as const),
  };
}
