import { json } from "@remix-run/node";
import { sql } from "kysely";
import { getConnection } from "~/db.server";

/** For load balancers and monitors: 200 with the dialect when the database answers, 503 when it does not. */
export async function loader() {
  const { db, dialect } = getConnection();
  const headers = { "Cache-Control": "no-store" };
  try {
    await Promise.race([
      sql`select 1`.execute(db),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database timeout")), 2000)),
    ]);
    return json({ status: "ok", database: dialect }, { headers });
  } catch {
    return json({ status: "unavailable", database: dialect }, { status: 503, headers });
  }
}
