import { canonicalJson } from "~/lib/canonical";
import { newId, sha256Hex } from "~/lib/ids.server";
import { nowIso } from "~/lib/time";
import type { Trx, Tx } from "~db/schema";

/**
 * The full text of an MoU as it stands, in the shape that is hashed and signed: metadata, parties,
 * clauses and commitments with their milestones. Ids of rows are left out so that the same words
 * always hash the same.
 */
export async function buildVersionContent(trx: Trx, mouId: string) {
  const mou = await trx.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
  const parties = await trx
    .selectFrom("mou_parties")
    .innerJoin("organizations", "organizations.id", "mou_parties.org_id")
    .select(["organizations.id as org_id", "organizations.name_vi", "organizations.name_en", "mou_parties.is_lead"])
    .where("mou_parties.mou_id", "=", mouId)
    .orderBy("mou_parties.sort_order")
    .execute();
  const clauses = await trx
    .selectFrom("mou_clauses")
    .select(["position", "heading_vi", "heading_en", "body_vi", "body_en"])
    .where("mou_id", "=", mouId)
    .orderBy("position")
    .execute();
  const commitments = await trx
    .selectFrom("commitments")
    .selectAll()
    .where("mou_id", "=", mouId)
    .where("cancelled_at", "is", null)
    .orderBy("sort_order")
    .execute();
  const milestones = commitments.length
    ? await trx
        .selectFrom("milestones")
        .selectAll()
        .where(
          "commitment_id",
          "in",
          commitments.map((c) => c.id),
        )
        .orderBy("sort_order")
        .execute()
    : [];
  return {
    reference: mou.reference,
    title: { vi: mou.title_vi, en: mou.title_en },
    purpose: { vi: mou.purpose_vi, en: mou.purpose_en },
    scope: { vi: mou.scope_vi, en: mou.scope_en },
    effective_on: mou.effective_on,
    expires_on: mou.expires_on,
    parties: parties.map((p) => ({ org_id: p.org_id, name_vi: p.name_vi, name_en: p.name_en, lead: Number(p.is_lead) === 1 })),
    clauses,
    commitments: commitments.map((c) => ({
      org_id: c.org_id,
      title: { vi: c.title_vi, en: c.title_en },
      description: { vi: c.description_vi, en: c.description_en },
      // The baseline is written only when there is one, so that texts without it keep their hashes.
      kpi:
        c.kpi_target === null
          ? null
          : { target: Number(c.kpi_target), unit_vi: c.kpi_unit_vi, unit_en: c.kpi_unit_en, ...(c.kpi_baseline === null ? {} : { baseline: Number(c.kpi_baseline) }) },
      due_on: c.due_on,
      milestones: milestones
        .filter((m) => m.commitment_id === c.id)
        .map((m) => ({ title: { vi: m.title_vi, en: m.title_en }, due_on: m.due_on, weight: Number(m.weight) })),
    })),
  };
}

export type VersionContent = Awaited<ReturnType<typeof buildVersionContent>>;

export function hashVersionContent(content: VersionContent): string {
  return sha256Hex(canonicalJson(content));
}

/** Saves the MoU's current text as its next version; `freeze` marks it as the text sent for signature. */
export async function createVersion(
  trx: Tx,
  mouId: string,
  options: { createdBy: string | null; note?: string | null; freeze?: boolean; at?: string },
) {
  const at = options.at ?? nowIso();
  const content = await buildVersionContent(trx, mouId);
  const last = await trx
    .selectFrom("mou_versions")
    .select((eb) => eb.fn.max("number").as("max"))
    .where("mou_id", "=", mouId)
    .executeTakeFirst();
  const version = {
    id: newId(),
    mou_id: mouId,
    number: Number(last?.max ?? 0) + 1,
    content: canonicalJson(content),
    content_hash: hashVersionContent(content),
    note: options.note ?? null,
    created_by: options.createdBy,
    created_at: at,
    frozen_at: options.freeze ? at : null,
  };
  await trx.insertInto("mou_versions").values(version).execute();
  await trx.updateTable("mous").set({ current_version_id: version.id, updated_at: at }).where("id", "=", mouId).execute();
  return version;
}
