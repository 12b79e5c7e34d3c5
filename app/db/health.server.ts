import { sql } from "kysely";
import type { DB } from "~db/schema";

/** Whether the database answers a trivial query in time; a monitor wants a yes or no, never a hang. */
export async function databaseAnswers(db: DB, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`select 1`.execute(db),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("database timeout")), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
