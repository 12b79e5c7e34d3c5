import type { DB } from "~db/schema";

/**
 * The parties of several MoUs at once, in their order, with the organizations' names. Only those
 * that accepted: an organization merely proposed is not named as a party in any list.
 */
export async function listPartiesOf(db: DB, mouIds: string[]) {
  return db
    .selectFrom("mou_parties")
    .innerJoin("organizations", "organizations.id", "mou_parties.org_id")
    .select(["mou_parties.mou_id", "organizations.id as org_id", "organizations.name_vi", "organizations.name_en", "mou_parties.is_lead"])
    .where("mou_parties.mou_id", "in", mouIds)
    .where("mou_parties.accepted_at", "is not", null)
    .orderBy("mou_parties.sort_order")
    .execute();
}

/**
 * MoUs whose summary anyone may see: public and signed (active or completed). Only the summary
 * (reference, title, parties, date, event) leaves this module; the text stays with the parties.
 */
export async function listPublicSignedMous(db: DB, options: { eventId?: string; orgId?: string; limit?: number } = {}) {
  let query = db
    .selectFrom("mous")
    .leftJoin("events", "events.id", "mous.event_id")
    .select([
      "mous.id",
      "mous.reference",
      "mous.title_vi",
      "mous.title_en",
      "mous.effective_on",
      "mous.is_sample",
      "events.slug as event_slug",
      "events.title_vi as event_title_vi",
      "events.title_en as event_title_en",
    ])
    .where("mous.visibility", "=", "public")
    .where("mous.status", "in", ["active", "completed"]);
  if (options.eventId) query = query.where("mous.event_id", "=", options.eventId);
  const orgId = options.orgId;
  if (orgId) {
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom("mou_parties").select("mou_parties.id").whereRef("mou_parties.mou_id", "=", "mous.id").where("mou_parties.org_id", "=", orgId).where("mou_parties.accepted_at", "is not", null)),
    );
  }
  const mous = await query.orderBy("mous.effective_on", "desc").limit(options.limit ?? 20).execute();
  if (!mous.length) return [];
  const parties = await listPartiesOf(db, mous.map((m) => m.id));
  const signed = await db
    .selectFrom("signatories")
    .select(["mou_id", (eb) => eb.fn.max("signed_at").as("signed_at")])
    .where(
      "mou_id",
      "in",
      mous.map((m) => m.id),
    )
    .where("status", "=", "signed")
    .groupBy("mou_id")
    .execute();
  return mous.map((m) => ({
    ...m,
    signed_at: signed.find((s) => s.mou_id === m.id)?.signed_at ?? null,
    parties: parties.filter((p) => p.mou_id === m.id),
  }));
}

export type PublicMouSummary = Awaited<ReturnType<typeof listPublicSignedMous>>[number];
