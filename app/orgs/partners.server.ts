import type { DB } from "~db/schema";

/** Organizations that hosted or partnered in a public event: the home page's partner strip. */
export async function listEventPartners(db: DB, limit = 12) {
  return db
    .selectFrom("organizations")
    .select(["id", "name_vi", "name_en", "short_name", "logo_file_id", "kind", "country"])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("event_organizations")
          .innerJoin("events", "events.id", "event_organizations.event_id")
          .select("event_organizations.id")
          .whereRef("event_organizations.org_id", "=", "organizations.id")
          .where("events.status", "in", ["published", "closed", "archived"]),
      ),
    )
    .orderBy("name_en")
    .limit(limit)
    .execute();
}
