import { isMemberOf, readableMouIds, type Actor } from "~/auth/permissions.server";
import { PAGE_SIZE } from "~/lib/paging";
import { addDays, vietnamToday } from "~/lib/time";
import type { DB } from "~db/schema";
import type { CommitmentListQuery } from "./commitment.schema";
import { listTrackedCommitments } from "./commitments.server";

/**
 * The /commitments page: the actor's commitments filtered and ordered in SQL, what needs
 * attention first, a page at a time, with the counts of reports waiting on each row and the
 * choices for the filters.
 */
export async function listCommitmentsPage(db: DB, actor: Actor, query: CommitmentListQuery, today = vietnamToday()) {
  const { rows, total } = await listTrackedCommitments(
    db,
    actor,
    {
      status: query.status,
      mouId: query.mou,
      orgId: query.owner,
      dueBefore: query.due ? addDays(today, Number(query.due)) : undefined,
      order: "attention",
      page: query.page,
    },
    today,
  );
  const pending = rows.length
    ? await db
        .selectFrom("progress_updates")
        .select(["commitment_id", "status", (eb) => eb.fn.countAll().as("n")])
        .where("status", "in", ["submitted", "returned"])
        .where(
          "commitment_id",
          "in",
          rows.map((c) => c.id),
        )
        .groupBy(["commitment_id", "status"])
        .execute()
    : [];
  const count = (id: string, status: "submitted" | "returned") => Number(pending.find((p) => p.commitment_id === id && p.status === status)?.n ?? 0);
  return {
    commitments: rows.map((c) => {
      const own = isMemberOf(actor, c.org_id);
      return { ...c, toConfirm: own ? 0 : count(c.id, "submitted"), returned: own ? count(c.id, "returned") : 0 };
    }),
    total,
    page: query.page,
    pageSize: PAGE_SIZE,
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
    // Driven from the actor's MoUs: probing every organization for a readable commitment reads them all.
    owners = owners.where("organizations.id", "in", db.selectFrom("commitments").select("commitments.org_id").where("commitments.mou_id", "in", readable));
  }
  return { mous: await mous.orderBy("reference").limit(200).execute(), owners: await owners.orderBy("name_vi").limit(200).execute() };
}
