import { verifyAuditChain } from "~/audit/audit-log.server";
import { getConnection } from "~/db.server";
import { migrateToLatest } from "~/db/migrate.server";
import { isDatabaseEmpty, seedDemoData } from "~db/seed";

/** The command-line tasks behind `npm run db:migrate`, `db:seed` and `audit:verify`. Returns the exit code. */
export async function runTask(name: string): Promise<number> {
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
      case "audit:verify": {
        const broken = await verifyAuditChain(db);
        const count = await db.selectFrom("audit_log").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
        if (broken) {
          console.error(`Audit chain BROKEN at entry #${broken.seq} (id ${broken.id}): ${broken.reason}.`);
          return 1;
        }
        console.log(`Audit chain OK: ${Number(count.n)} entries on ${dialect}.`);
        return 0;
      }
      default:
        console.error(`Unknown task "${name}". Known: migrate, seed, audit:verify.`);
        return 2;
    }
  } finally {
    await db.destroy();
  }
}
