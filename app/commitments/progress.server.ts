import { DomainError } from "~/lib/domain-error";
import { newId } from "~/lib/ids.server";
import { nowIso, vietnamToday } from "~/lib/time";
import type { DB, Tx } from "~db/schema";
import { storeFile } from "~/files/files.server";
import type { ProgressUpdateInput } from "./commitment.schema";
import { mouIsSealed } from "./commitments.server";
import { requestConfirmation } from "./confirmation-mail.server";
import type { Evidence } from "./evidence.server";
import { commitmentProgress, deriveCommitmentStatus } from "./status";
import { recordCommitmentStep, type Acting } from "./timeline.server";

/** One commitment with what its page needs, or null when it does not exist or its MoU has no sealed agreement yet. */
export async function findCommitment(db: DB, id: string) {
  const commitment = await db
    .selectFrom("commitments")
    .innerJoin("mous", "mous.id", "commitments.mou_id")
    .innerJoin("organizations", "organizations.id", "commitments.org_id")
    .selectAll("commitments")
    .select([
      "mous.reference",
      "mous.status as mou_status",
      "mous.effective_on",
      "mous.expires_on",
      "mous.title_vi as mou_title_vi",
      "mous.title_en as mou_title_en",
      "organizations.name_vi as org_name_vi",
      "organizations.name_en as org_name_en",
      (eb) => eb.selectFrom("users").select("users.name").whereRef("users.id", "=", "commitments.contact_user_id").as("contact_name"),
    ])
    .where("commitments.id", "=", id)
    .where(mouIsSealed)
    .executeTakeFirst();
  if (!commitment) return null;
  const [parties, milestones, updates] = await Promise.all([
    db.selectFrom("mou_parties").select(["org_id", "accepted_at"]).where("mou_id", "=", commitment.mou_id).execute(),
    db.selectFrom("milestones").selectAll().where("commitment_id", "=", id).orderBy("sort_order").orderBy("id").execute(),
    db
      .selectFrom("progress_updates")
      .leftJoin("users", "users.id", "progress_updates.author_id")
      .leftJoin("milestones", "milestones.id", "progress_updates.milestone_id")
      .select([
        "progress_updates.id",
        "progress_updates.note",
        "progress_updates.kpi_value",
        "progress_updates.status",
        "progress_updates.milestone_id",
        "progress_updates.milestone_status",
        "progress_updates.created_at",
        "users.name as author_name",
        "milestones.title_vi as milestone_title_vi",
        "milestones.title_en as milestone_title_en",
      ])
      .where("progress_updates.commitment_id", "=", id)
      .orderBy("progress_updates.created_at", "desc")
      .orderBy("progress_updates.id", "desc")
      // The latest reports; the timeline keeps the whole history, page by page.
      .limit(50)
      .execute(),
  ]);
  const evidence = updates.length
    ? await db
        .selectFrom("progress_update_files")
        .innerJoin("files", "files.id", "progress_update_files.file_id")
        .select(["progress_update_files.progress_update_id", "files.id", "files.filename", "files.size"])
        .where(
          "progress_update_files.progress_update_id",
          "in",
          updates.map((u) => u.id),
        )
        .execute()
    : [];
  const today = vietnamToday();
  const input = {
    ...commitment,
    kpi_baseline: commitment.kpi_baseline === null ? null : Number(commitment.kpi_baseline),
    kpi_target: commitment.kpi_target === null ? null : Number(commitment.kpi_target),
    kpi_current: Number(commitment.kpi_current),
    milestones: milestones.map((m) => ({ ...m, weight: Number(m.weight), late: m.status !== "done" && m.due_on < today })),
  };
  return {
    ...input,
    parties,
    updates: updates.map((u) => ({
      ...u,
      kpi_value: u.kpi_value === null ? null : Number(u.kpi_value),
      files: evidence.filter((f) => f.progress_update_id === u.id).map((f) => ({ id: f.id, filename: f.filename, size: Number(f.size) })),
    })),
    status: deriveCommitmentStatus(input, today),
    progress: commitmentProgress(input),
  };
}

export type CommitmentDetail = NonNullable<Awaited<ReturnType<typeof findCommitment>>>;

async function attachEvidence(trx: Tx, updateId: string, evidence: Evidence[], actorId: string, at: string): Promise<string[]> {
  const fileIds: string[] = [];
  for (const file of evidence) {
    const fileId = await storeFile(trx, { kind: "evidence", filename: file.filename, mimeType: file.mimeType, content: file.content, createdBy: actorId, at });
    await trx.insertInto("progress_update_files").values({ progress_update_id: updateId, file_id: fileId }).execute();
    fileIds.push(fileId);
  }
  return fileIds;
}

function reported(input: ProgressUpdateInput) {
  return { note: input.note, kpi_value: input.kpi_value ?? null, milestone_id: input.milestone_id ?? null, milestone_status: input.milestone_status ?? null };
}

/**
 * Submits a progress report: the note, the KPI value, a milestone's reported status and the
 * evidence are written together, and the other parties are asked to confirm it. Nothing counts
 * toward the KPI or the milestones until someone confirms it (confirmProgressUpdate).
 */
export async function submitProgressUpdate(db: DB, commitment: CommitmentDetail, input: ProgressUpdateInput, evidence: Evidence[], actor: Acting): Promise<string> {
  const now = nowIso();
  const updateId = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("progress_updates")
      .values({ id: updateId, commitment_id: commitment.id, author_id: actor.id, ...reported(input), status: "submitted", submitted_at: now, created_at: now })
      .execute();
    const fileIds = await attachEvidence(trx, updateId, evidence, actor.id, now);
    await recordCommitmentStep(trx, actor, {
      commitmentId: commitment.id,
      progressUpdateId: updateId,
      kind: "update.submitted",
      after: { ...reported(input), ...(fileIds.length ? { evidence: fileIds } : {}) },
      at: now,
    });
    await requestConfirmation(trx, commitment, actor.id);
  });
  return updateId;
}

/** The owner's answer to a returned report: corrected, with more evidence if need be, and submitted again. */
export async function reviseProgressUpdate(db: DB, commitment: CommitmentDetail, updateId: string, input: ProgressUpdateInput, evidence: Evidence[], actor: Acting): Promise<void> {
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("progress_updates")
      .select(["note", "kpi_value", "milestone_id", "milestone_status"])
      .where("id", "=", updateId)
      .where("commitment_id", "=", commitment.id)
      .where("status", "=", "returned")
      .executeTakeFirst();
    if (!before) throw new DomainError("conflict", { messageKey: "commitment.update.notWaiting" });
    await trx
      .updateTable("progress_updates")
      .set({ ...reported(input), status: "submitted", submitted_at: now, decided_by: null, decided_at: null })
      .where("id", "=", updateId)
      .where("status", "=", "returned")
      .execute();
    const fileIds = await attachEvidence(trx, updateId, evidence, actor.id, now);
    await recordCommitmentStep(trx, actor, {
      commitmentId: commitment.id,
      progressUpdateId: updateId,
      kind: "update.revised",
      before,
      after: { ...reported(input), ...(fileIds.length ? { evidence: fileIds } : {}) },
      at: now,
    });
    await requestConfirmation(trx, commitment, actor.id);
  });
}
