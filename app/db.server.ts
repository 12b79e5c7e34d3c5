import { getConfig } from "~/config.server";
import { openConnection, type Connection } from "~/db/connection.server";

export type { Dialect } from "~/db/connection.server";
export type { DB, Trx } from "~db/schema";

// One connection (pool) per process, kept across dev rebuilds.
const globalForDb = globalThis as unknown as { __portalConnection?: Connection };

export function getConnection(): Connection {
  globalForDb.__portalConnection ??= openConnection(getConfig().database);
  return globalForDb.__portalConnection;
}

export function getDb() {
  return getConnection().db;
}
