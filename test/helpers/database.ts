import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import pg from "pg";
import { parseConfig } from "~/config.server";
import { openConnection, type Connection } from "~/db/connection.server";
import { migrateToLatest } from "~/db/migrate.server";

export type Dialect = "sqlite" | "postgres";

/** The suite runs on the dialect of DATABASE_URL: SQLite by default, PostgreSQL when CI says so. */
export function testDialect(): Dialect {
  return /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? "postgres" : "sqlite";
}

export type TestDatabase = { url: string; dialect: Dialect; drop: () => Promise<void> };

/** A fresh, empty database for one test file: a new SQLite file, or a new database on the PostgreSQL server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `portal_test_${crypto.randomBytes(6).toString("hex")}`;
  if (testDialect() === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
    const file = path.join(dir, `${name}.db`);
    return { url: `file:${file}`, dialect: "sqlite", drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const base = new URL(process.env.DATABASE_URL!);
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect: "postgres",
    drop: async () => {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function connect(url: string): Connection {
  return openConnection(parseConfig({ NODE_ENV: "test", DATABASE_URL: url }).database);
}

/** A fresh database with the schema applied, and a Kysely handle to it. */
export async function openMigratedDatabase() {
  const database = await createTestDatabase();
  const connection = connect(database.url);
  await migrateToLatest(connection.db);
  return {
    ...database,
    connection,
    db: connection.db,
    async close() {
      await connection.db.destroy();
      await database.drop();
    },
  };
}
