import { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import { newId } from "~/lib/ids.server";
import { nowIso, vietnamToday } from "~/lib/time";
import type { DB } from "~db/schema";
import { storeFile } from "~/files/files.server";
import { mouIsSealed } from "./commitments.server";
import type { Evidence } from "./evidence.server";
import { refreshCommitmentStatus } from "./stored-status.server";
import { commitmentProgress, deriveCommitmentStatus } from "./status";

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
      "mous.title_vi as mou_title_vi",
      "mous.title_en as mou_title_en",
      "organizations.name_vi as org_name_vi",
      "organizations.name_en as org_name_en",
    ])
    .where("commitments.id", "=", id)
    .where(mouIsSealed)
    .executeTakeFirst();
  if (!commitment) return null;
  const [parties, milestones, updates] = await Promise.all([
    db.selectFrom("mou_parties").select(["org_id", "accepted_at"]).where("mou_id", "=", commitment.mou_id).execute(),
    db.selectFrom("milestones").selectAll().where("commitment_id", "=", id).orderBy("sort_order").execute(),
    db
      .selectFrom("progress_updates")
      .leftJoin("users", "users.id", "progress_updates.author_id")
      .leftJoin("milestones", "milestones.id", "progress_updates.milestone_id")
      .select([
        "progress_updates.id",
        "progress_updates.note",
        "progress_updates.kpi_value",
        "progress_updates.created_at",
        "users.name as author_name",
        "milestones.title_vi as milestone_title_vi",
        "milestones.title_en as milestone_title_en",
      ])
      .where("progress_updates.commitment_id", "=", id)
      .orderBy("progress_updates.created_at", "desc")
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

const optionalNumber = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? Number(v.replace(",", ".")) : v),
  z.number({ invalid_type_error: "validation.number" }).min(0).max(1_000_000_000).optional(),
);

export const ProgressUpdateSchema = z.object({
  note: z.string().trim().min(1).max(2000),
  kpi_value: optionalNumber,
  milestone_id: z.string().trim().max(64).optional().transform((v) => v || undefined),
  milestone_status: z.enum(["pending", "in_progress", "done", "missed"]).optional().or(z.literal("").transform(() => undefined)),
});

export type ProgressUpdateInput = z.output<typeof ProgressUpdateSchema>;

/**
 * Records a progress report: the note, the new KPI value, a milestone's new status and the
 * evidence files are written together, with an audit entry, or not at all.
 */
export async function recordProgress(
  db: DB,
  commitment: CommitmentDetail,
  input: ProgressUpdateInput,
  evidence: Evidence[],
  actor: { id: string; name: string; ip: string },
): Promise<void> {
  const now = nowIso();
  const milestone = input.milestone_id ? commitment.milestones.find((m) => m.id === input.milestone_id) : undefined;
  const updateId = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("progress_updates")
      .values({
        id: updateId,
        commitment_id: commitment.id,
        milestone_id: milestone?.id ?? null,
        author_id: actor.id,
        note: input.note,
        kpi_value: input.kpi_value ?? null,
        created_at: now,
      })
      .execute();
    const fileIds: string[] = [];
    for (const file of evidence) {
      const fileId = await storeFile(trx, { kind: "evidence", filename: file.filename, mimeType: file.mimeType, content: file.content, createdBy: actor.id, at: now });
      await trx.insertInto("progress_update_files").values({ progress_update_id: updateId, file_id: fileId }).execute();
      fileIds.push(fileId);
    }
    if (input.kpi_value !== undefined) {
      await trx.updateTable("commitments").set({ kpi_current: input.kpi_value, updated_at: now }).where("id", "=", commitment.id).execute();
    }
    if (milestone && input.milestone_status && input.milestone_status !== milestone.status) {
      await trx
        .updateTable("milestones")
        .set({ status: input.milestone_status, done_at: input.milestone_status === "done" ? now : null, updated_at: now })
        .where("id", "=", milestone.id)
        .execute();
    }
    await refreshCommitmentStatus(trx, commitment.id);
    await recordAudit(trx, {
      actorId: actor.id,
      actorLabel: actor.name,
      action: "commitment.progress",
      entityType: "commitment",
      entityId: commitment.id,
      before: { kpi_current: commitment.kpi_current, milestone: milestone ? { id: milestone.id, status: milestone.status } : null },
      after: {
        kpi_current: input.kpi_value ?? commitment.kpi_current,
        milestone: milestone ? { id: milestone.id, status: input.milestone_status ?? milestone.status } : null,
        ...(fileIds.length ? { evidence: fileIds } : {}),
      },
      ip: actor.ip,
    });
  });
}
