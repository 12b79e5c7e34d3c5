import fs from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { recordAudit } from "~/audit/audit-log.server";
import type { fillFreeSeats, lockEvent } from "~/events/registrations.server";
import type { enqueueJob } from "~/jobs/queue.server";
import type { enqueueEmail } from "~/mail/outbox.server";
import type { mailAboutMou } from "~/mous/notify.server";
import type { DB, Trx, Tx } from "~db/schema";

const ROOT = path.resolve(__dirname, "../..");
/** The one module that may ask which database this is. Migrations are frozen and carry their own copy. */
const DIALECT_MODULE = "app/db/dialect.server.ts";
const SCANNED = ["app", "db", "scripts"];
const FROZEN = "db/migrations/";

/** Asking the adapter, or locking rows by hand (SQLite refuses `FOR UPDATE`), belongs to the dialect module. */
const DIALECT_CHECKS = [/\b(Postgres|Sqlite)Adapter\b/, /getExecutor\(\)\s*\.adapter/, /\.forUpdate\(\)/, /\.forNoKeyUpdate\(\)/, /\.skipLocked\(\)/];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [rel] : [];
  });
}

describe("database primitives", () => {
  it("the dialect is decided in one module", () => {
    const offending = SCANNED.flatMap(sourceFiles)
      .filter((file) => file !== DIALECT_MODULE && !file.startsWith(FROZEN))
      .flatMap((file) => {
        const text = fs.readFileSync(path.join(ROOT, file), "utf8");
        return DIALECT_CHECKS.filter((pattern) => pattern.test(text)).map((pattern) => `${file}: ${pattern}`);
      });
    expect(offending).toEqual([]);
  });

  // Checked by `tsc --noEmit`: a plain database handle is refused where a transaction is required.
  it("functions that must run in a transaction take a Tx, which a plain DB is not", () => {
    expectTypeOf<DB>().not.toMatchTypeOf<Tx>();
    expectTypeOf<Tx>().toMatchTypeOf<Trx>();
    expectTypeOf<Parameters<typeof enqueueJob>[0]>().toEqualTypeOf<Tx>();
    expectTypeOf<Parameters<typeof enqueueEmail>[0]>().toEqualTypeOf<Tx>();
    expectTypeOf<Parameters<typeof recordAudit>[0]>().toEqualTypeOf<Tx>();
    expectTypeOf<Parameters<typeof lockEvent>[0]>().toEqualTypeOf<Tx>();
    expectTypeOf<Parameters<typeof fillFreeSeats>[0]>().toEqualTypeOf<Tx>();
    expectTypeOf<Parameters<typeof mailAboutMou>[0]>().toEqualTypeOf<Tx>();
  });
});
