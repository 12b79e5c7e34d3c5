import type { DB } from "~db/schema";
import type { DashboardFilter } from "./dashboard.schema";

/** The ids of the MoUs the event, partner and signing-date filters select; null when none is set. */
export function matchingMouIds(db: DB, filter: DashboardFilter) {
  if (!filter.event && !filter.partner && !filter.from && !filter.to) return null;
  let q = db.selectFrom("mous").select("mous.id");
  if (filter.event) q = q.where("mous.event_id", "=", filter.event);
  if (filter.partner) q = q.where((eb) => eb.exists(eb.selectFrom("mou_parties").select("mou_parties.id").whereRef("mou_parties.mou_id", "=", "mous.id").where("mou_parties.org_id", "=", filter.partner!)));
  if (filter.from || filter.to) {
    q = q.where((eb) => {
      let signed = eb.selectFrom("agreements").select("agreements.id").whereRef("agreements.mou_id", "=", "mous.id");
      if (filter.from) signed = signed.where("agreements.created_at", ">=", `${filter.from}T00:00:00.000Z`);
      if (filter.to) signed = signed.where("agreements.created_at", "<=", `${filter.to}T23:59:59.999Z`);
      return eb.exists(signed);
    });
  }
  return q;
}

/**
 * The tracked commitments the filters select. Whether the MoU is sealed and the owner's sector and
 * province are read from the copies on the row (decision 0020), so counts need no join.
 */
export function filteredCommitments(db: DB, filter: DashboardFilter) {
  let q = db.selectFrom("commitments").where("commitments.tracked", "=", 1);
  const mouIds = matchingMouIds(db, filter);
  if (mouIds) q = q.where("commitments.mou_id", "in", mouIds);
  if (filter.status) q = q.where("commitments.status", "=", filter.status);
  if (filter.sector) q = q.where("commitments.owner_sector", "=", filter.sector);
  if (filter.province) q = q.where("commitments.owner_province", "=", filter.province);
  return q;
}
