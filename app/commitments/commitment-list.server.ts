import { isMemberOf, readableMouIds, type Actor } from "~/auth/permissions.server";
import { addDays, vietnamToday } from "~/lib/time";
import type { DB } from "~db/schema";
import type { CommitmentListQuery } from "./commitment.schema";
import { listTrackedCommitments } from "./commitments.server";
import type { CommitmentStatus } from "./status";

export const COMMITMENTS_PAGE_SIZE = 20;

/** What needs someone first: the late, then reports to act on, then the risks; done and cancelled last. */
const ATTENTION: Record<CommitmentStatus, number> = { very_late: 0, delayed: 1, at_risk: 3, on_track: 4, done: 5, cancelled: 6 };

/**
 * The /commitments page: the actor's commitments filtered (MoU, owner and due window in SQL,
 * the derived status after), what needs attention first, a page at a time, with the choices for
 * the filters. A commitment with a report waiting for the actor's confirmation, or one of the
 * actor's own that came back, ranks with the delayed ones.
 */
export async function listCommitmentsPage(db: DB, actor: Actor, query: CommitmentListQuery, today = vietnamToday()) {
  const all = await listTrackedCommitments(db, actor, today, {
    mouId: query.mou,
    orgId: query.owner,
    dueBefore: query.due ? addDays(today, Number(query.due)) : undefined,
  });
  const pending = all.length
    ? await db
        .selectFrom("progress_updates")
        .select(["commitment_id", "status", (eb) => eb.fn.countAll().as("n")])
        .where("status", "in", ["submitted", "returned"])
        .where(
          "commitment_id",
          "in",
          all.map((c) => c.id),
        )
        .groupBy(["commitment_id", "status"])
        .execute()
    : [];
  const count = (id: string, status: "submitted" | "returned") => Number(pending.find((p) => p.commitment_id === id && p.status === status)?.n ?? 0);
  const rows = all
    .filter((c) => !query.status || c.status === query.status)
    .map((c) => {
      const own = isMemberOf(actor, c.org_id);
      const toConfirm = own ? 0 : count(c.id, "submitted");
      const returned = own ? count(c.id, "returned") : 0;
      const rank = Math.min(ATTENTION[c.status], toConfirm || returned ? 2 : 9);
      return { ...c, toConfirm, returned, rank };
    })
    .sort((a, b) => a.rank - b.rank || a.due_on.localeCompare(b.due_on) || a.id.localeCompare(b.id));
  const page = Math.min(query.page, Math.max(1, Math.ceil(rows.length / COMMITMENTS_PAGE_SIZE)));
  return {
    commitments: rows.slice((page - 1) * COMMITMENTS_PAGE_SIZE, page * COMMITMENTS_PAGE_SIZE),
    total: rows.length,
    page,
    pageSize: COMMITMENTS_PAGE_SIZE,
    choices: await filterChoices(db, actor),
  };
}

/** The MoUs and owners the actor may filter by: those of the commitments they may read. */
async function filterChoices(db: DB, actor: Actor) {
  const readable = readableMouIds(db, actor);
  if (readable === "none") return { mous: [], owners: [] };
  let mous = db.selectFrom("mous").select(["id", "reference"]).where((eb) => eb.exists(eb.selectFrom("commitments").select("id").whereRef("commitments.mou_id", "=", "mous.id")));
  let owners = db
    .selectFrom("organizations")
    .select(["id", "name_vi", "name_en"])
    .where((eb) => eb.exists(eb.selectFrom("commitments").select("id").whereRef("commitments.org_id", "=", "organizations.id")));
  if (readable !== "all") {
    mous = mous.where("mous.id", "in", readable);
    owners = owners.where((eb) => eb.exists(eb.selectFrom("commitments").select("id").whereRef("commitments.org_id", "=", "organizations.id").where("commitments.mou_id", "in", readable)));
  }
  return { mous: await mous.orderBy("reference").limit(200).execute(), owners: await owners.orderBy("name_vi").limit(200).execute() };
}
