import fs from "node:fs";
import SQLite from "better-sqlite3";
import type { Connection } from "./connection.server";

export class BackupError extends Error {}

const PG_DUMP_HINT =
  "On PostgreSQL use its own tools: pg_dump --format=custom --file=FILE \"$DATABASE_URL\" and pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" FILE (see README, Running in production).";

/**
 * A consistent copy of the SQLite database while the portal keeps running: SQLite's online backup
 * copies page by page and restarts the pages a concurrent write changed, so the file is one
 * committed state.
 */
export async function backupDatabase(connection: Connection, file: string): Promise<{ pages: number }> {
  if (connection.dialect !== "sqlite") throw new BackupError(PG_DUMP_HINT);
  if (fs.existsSync(file)) throw new BackupError(`${file} exists already: choose a new file name.`);
  const { totalPages } = await connection.raw.backup(file);
  return { pages: totalPages };
}

/** Whether a database holds any of the portal's rows (a fresh file or schema-only database is empty). */
function holdsData(raw: SQLite.Database): boolean {
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'organizations', 'events', 'mous')").all() as { name: string }[];
  return tables.some(({ name }) => (raw.prepare(`SELECT EXISTS (SELECT 1 FROM ${name}) AS found`).get() as { found: number }).found === 1);
}

/**
 * Replaces the SQLite database with a backup. Run with the portal stopped. A database that holds
 * data is kept unless `force`: a restore into the wrong place should not cost anyone their data.
 */
export async function restoreDatabase(connection: Connection, file: string, force: boolean): Promise<{ pages: number }> {
  if (connection.dialect !== "sqlite") throw new BackupError(PG_DUMP_HINT);
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const check = source.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new BackupError(`${file} is not a sound SQLite database: ${String(check)}`);
    const migrated = source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
    if (!migrated) throw new BackupError(`${file} is not a backup of the portal (it has no migration table).`);
    if (holdsData(connection.raw) && !force) {
      throw new BackupError("The database at DATABASE_URL holds data: nothing was changed. Add --force to replace it with the backup.");
    }
    const target = connection.raw.name;
    // The target's own connection goes first, with its write-ahead log folded in and removed, so
    // that no stale log is replayed over the restored file.
    connection.raw.pragma("wal_checkpoint(TRUNCATE)");
    await connection.db.destroy();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${target}${suffix}`, { force: true });
    const { totalPages } = await source.backup(target);
    return { pages: totalPages };
  } finally {
    source.close();
  }
}
