import { json } from "@remix-run/node";
import { getConnection } from "~/db.server";
import { databaseAnswers } from "~/db/health.server";

/** For load balancers and monitors: 200 with the dialect when the database answers, 503 when it does not. */
export async function loader() {
  const { db, dialect } = getConnection();
  const headers = { "Cache-Control": "no-store" };
  if (await databaseAnswers(db)) return json({ status: "ok", database: dialect }, { headers });
  return json({ status: "unavailable", database: dialect }, { status: 503, headers });
}
