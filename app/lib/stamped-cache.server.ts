import type { DB } from "~db/schema";

type Entry<T> = { version: number; madeAt: number; value: Promise<T> };

/**
 * Values computed from the database, kept in this process while the stamp they were made at (a
 * `site_versions` row that triggers raise on every change to their tables) has not moved, and at
 * most `maxAgeMs`, for what the clock changes. Requests that miss together share one computation.
 * Reading the stamp is one primary-key lookup per request.
 */
export function stampedCache<T>(stamp: string, { maxAgeMs, maxEntries }: { maxAgeMs: number; maxEntries: number }) {
  const entries = new Map<string, Entry<T>>();
  return async function cached(db: DB, key: string, make: () => Promise<T>): Promise<T> {
    const row = await db.selectFrom("site_versions").select("version").where("name", "=", stamp).executeTakeFirst();
    const version = Number(row?.version ?? 0);
    const hit = entries.get(key);
    if (hit && hit.version === version && Date.now() - hit.madeAt < maxAgeMs) return hit.value;
    const entry: Entry<T> = { version, madeAt: Date.now(), value: make() };
    // A failed computation is not kept: the next request tries again.
    entry.value.catch(() => entries.get(key) === entry && entries.delete(key));
    entries.delete(key);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(key, entry);
    return entry.value;
  };
}
