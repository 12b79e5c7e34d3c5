import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "~db/schema";
import type { Config } from "~/config.server";

export type Dialect = "sqlite" | "postgres";

/**
 * The one place that knows which database we are on. Everything else talks Kysely and stays
 * dialect-blind; the raw handle is kept only for the session adapter, which wants the driver.
 */
export type Connection =
  | { dialect: "sqlite"; db: Kysely<Database>; raw: SQLite.Database }
  | { dialect: "postgres"; db: Kysely<Database>; raw: pg.Pool };

// COUNT(*) and BIGINT come back from pg as strings; the portal's counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function openConnection(database: Config["database"]): Connection {
  if (database.dialect === "postgres") {
    const raw = new pg.Pool({ connectionString: database.url, max: 10 });
    // An idle client whose server went away emits 'error'; unhandled, it would end the process.
    // The pool drops that client and the next query reports the failure where it can be handled.
    raw.on("error", (error) => console.error(JSON.stringify({ level: "error", msg: "database connection lost", error: error.message })));
    return { dialect: "postgres", raw, db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: raw }) }) };
  }
  fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const raw = new SQLite(database.file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("busy_timeout = 5000");
  raw.pragma("foreign_keys = ON");
  raw.pragma("synchronous = NORMAL");
  // Statistics for the query planner, gathered for tables never analyzed or grown much since:
  // without them SQLite guesses, and picks a low-selectivity index over the one a query needs
  // (decision 0020). Cheap when nothing changed; refreshed hourly by refreshPlannerStatistics.
  raw.pragma("optimize = 0x10002");
  return { dialect: "sqlite", raw, db: new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) }) };
}

export async function closeConnection(connection: Connection): Promise<void> {
  await connection.db.destroy();
}
