import { runApiTokenTask } from "~/api/token-task.server";
import { auditChainHead, checkNotedEntry, verifyAuditChain } from "~/audit/audit-log.server";
import { AuditChainKeyError, getExistingAuditChainKey } from "~/audit/chain-key.server";
import { getConnection } from "~/db.server";
import { BackupError, backupDatabase, restoreDatabase } from "~/db/backup.server";
import { refreshPlannerStatistics } from "~/db/dialect.server";
import { migrateToLatest } from "~/db/migrate.server";
import { seedScale } from "~/demo/seed-scale.server";
import { isDatabaseEmpty, seedDemoData } from "~/demo/seed.server";

/** The command-line tasks behind `npm run db:migrate`, `db:seed`, `db:seed:scale`, `audit:verify`, `db:backup`, `db:restore` and `api:token`. Returns the exit code. */
export async function runTask(name: string, args: string[] = []): Promise<number> {
  const { db, dialect } = getConnection();
  try {
    switch (name) {
      case "migrate": {
        const applied = await migrateToLatest(db);
        console.log(applied.length ? `Applied on ${dialect}: ${applied.join(", ")}` : `Schema on ${dialect} is up to date.`);
        return 0;
      }
      case "seed": {
        await migrateToLatest(db);
        if (!(await isDatabaseEmpty(db))) {
          console.log("The database already holds data; demo data is loaded only into an empty database.");
          return 0;
        }
        await seedDemoData(db);
        console.log(`Demo data loaded on ${dialect}.`);
        return 0;
      }
      case "seed:scale": {
        const at = args.indexOf("--mous");
        const count = Number(args[at + 1]);
        if (at < 0 || !Number.isInteger(count) || count < 1 || count > 1_000_000) {
          console.error("Usage: npm run db:seed:scale -- --mous N (1 to 1,000,000).");
          return 2;
        }
        await migrateToLatest(db);
        const started = Date.now();
        await seedScale(db, count);
        await refreshPlannerStatistics(db);
        console.log(`Added ${count} sample MoUs on ${dialect} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        return 0;
      }
      case "audit:verify":
        return await verifyAuditLog(args);
      case "api:token":
        await migrateToLatest(db);
        return await runApiTokenTask(db, args);
      case "backup":
      case "restore":
        return await copyDatabase(name, args);
      default:
        console.error(`Unknown task "${name}". Known: migrate, seed, seed:scale, audit:verify, backup, restore, api:token.`);
        return 2;
    }
  } finally {
    await db.destroy();
  }
}

async function copyDatabase(task: "backup" | "restore", args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) {
    console.error(`Usage: npm run db:${task} -- FILE${task === "restore" ? " [--force]" : ""}`);
    return 2;
  }
  try {
    if (task === "backup") {
      const { pages } = await backupDatabase(getConnection(), file);
      console.log(`Backed up to ${file} (${pages} pages).`);
    } else {
      const { pages } = await restoreDatabase(getConnection(), file, args.includes("--force"));
      console.log(`Restored from ${file} (${pages} pages).`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  }
}

/**
 * Verifies the chain under the portal's key and prints the last entry's number and hash: kept
 * somewhere else and given back as `--expect SEQ:HASH`, it also reveals entries removed from the end.
 */
async function verifyAuditLog(args: string[]): Promise<number> {
  const { db, dialect } = getConnection();
  const expectAt = args.indexOf("--expect");
  const noted = expectAt >= 0 ? /^(\d+):([0-9a-f]{64})$/.exec(args[expectAt + 1] ?? "") : null;
  if (expectAt >= 0 && !noted) {
    console.error("--expect takes SEQ:HASH, the number and hash printed by an earlier audit:verify.");
    return 2;
  }
  try {
    getExistingAuditChainKey();
  } catch (error) {
    if (error instanceof AuditChainKeyError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const broken = await verifyAuditChain(db);
  if (broken) {
    console.error(`Audit chain BROKEN at entry #${broken.seq} (id ${broken.id}): ${broken.reason}.`);
    return 1;
  }
  const head = await auditChainHead(db);
  const missing = noted ? await checkNotedEntry(db, { seq: Number(noted[1]), hash: noted[2] }) : null;
  if (missing) {
    console.error(`Audit chain BROKEN: ${missing}.`);
    return 1;
  }
  console.log(`Audit chain OK: ${head?.seq ?? 0} entries on ${dialect}.`);
  if (head) console.log(`Last entry: ${head.seq}:${head.hash}`);
  return 0;
}
