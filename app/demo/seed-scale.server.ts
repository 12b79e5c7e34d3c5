import crypto from "node:crypto";
import { refreshCommitmentStatuses } from "~/commitments/stored-status.server";
import { newId } from "~/lib/ids.server";
import type { Database, DB, Tx } from "~db/schema";
import { addDays, at, dayFromToday } from "./days";

/** MoUs written per transaction: short enough to keep SQLite's single writer moving. */
const MOUS_PER_TRANSACTION = 250;
/** Rows per INSERT statement, under SQLite's limit of 32,766 bound values at ~25 columns a row. */
const ROWS_PER_STATEMENT = 400;

const SECTORS = ["Sản xuất điện tử", "Cơ khí chế tạo", "Ô tô, xe máy", "Phần mềm", "Logistics", "Năng lượng", "Giáo dục", "Y tế"];
const PROVINCES = ["Vĩnh Phúc", "Hà Nội", "Bắc Ninh", "Hải Phòng", "Thái Nguyên", "Đà Nẵng", "TP. Hồ Chí Minh", "Bình Dương", "Đồng Nai", "Cần Thơ"];

/** A small deterministic generator, so two runs of the same size make the same shape of data. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function insertRows<T extends keyof Database & string>(trx: Tx, table: T, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    // The rows are built to each table's shape above; one generic insert keeps the seven tables in one loop.
    await trx.insertInto(table).values(rows.slice(i, i + ROWS_PER_STATEMENT) as any).execute();
  }
}

/**
 * Adds `count` synthetic, sample-labelled sealed MoUs to the database (two or three parties, about
 * five commitments with four milestones each, progress updates), with organizations, events and
 * registrations in proportion. The organizations that already have members take part in a share
 * of them, so a demo member sees a realistic list. For measuring, never for a real deployment.
 */
export async function seedScale(db: DB, count: number, seed = 11): Promise<void> {
  const rnd = random(seed + count);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const now = new Date().toISOString();
  const runTag = crypto.randomBytes(3).toString("hex");
  const withMembers = (await db.selectFrom("memberships").select("org_id").distinct().execute()).map((m) => m.org_id);

  const orgIds: string[] = [];
  const eventIds: string[] = [];
  await db.transaction().execute(async (trx) => {
    const orgs = Array.from({ length: Math.max(10, Math.ceil(count / 20)) }, (_, i) => {
      const id = newId();
      orgIds.push(id);
      return {
        id,
        name_vi: `Công ty mẫu ${runTag}-${i + 1}`,
        name_en: `Sample company ${runTag}-${i + 1}`,
        kind: "enterprise",
        country: "VN",
        province: pick(PROVINCES),
        sector: pick(SECTORS),
        verified: 1,
        is_sample: 1,
        created_at: now,
        updated_at: now,
      };
    });
    await insertRows(trx, "organizations", orgs);
    const events = Array.from({ length: Math.max(1, Math.ceil(count / 100)) }, (_, i) => {
      const id = newId();
      eventIds.push(id);
      const day = dayFromToday(-30 - Math.floor(rnd() * 700));
      return {
        id,
        slug: `dien-dan-mau-${runTag}-${i + 1}`,
        kind: "forum",
        status: "closed",
        title_vi: `Diễn đàn mẫu ${i + 1}`,
        title_en: `Sample forum ${i + 1}`,
        summary_vi: "Dữ liệu mẫu để đo hiệu năng.",
        summary_en: "Sample data for measuring.",
        venue_vi: "Vĩnh Phúc",
        venue_en: "Vinh Phuc",
        starts_at: at(day, "08:00"),
        ends_at: at(day, "17:00"),
        capacity: 200,
        is_sample: 1,
        published_at: now,
        created_at: now,
        updated_at: now,
      };
    });
    await insertRows(trx, "events", events);
    const registrations = eventIds.flatMap((eventId, e) =>
      Array.from({ length: 40 }, (_, i) => ({
        id: newId(),
        event_id: eventId,
        ticket_code: crypto.randomBytes(16).toString("hex"),
        status: "confirmed",
        name: `Khách mẫu ${e + 1}-${i + 1}`,
        email: `guest-${runTag}-${e + 1}-${i + 1}@sample.example`,
        email_normalized: `guest-${runTag}-${e + 1}-${i + 1}@sample.example`,
        consent_at: now,
        consent_text: "Dữ liệu mẫu",
        confirmed_at: now,
        created_at: now,
        updated_at: now,
      })),
    );
    await insertRows(trx, "registrations", registrations);
  });

  const placeholder = await db.transaction().execute(async (trx) => {
    const id = newId();
    const content = Buffer.from("%PDF-1.4 sample placeholder\n");
    await insertRows(trx, "files", [
      { id, kind: "agreement", filename: "sample.pdf", mime_type: "application/pdf", size: content.length, sha256: crypto.createHash("sha256").update(content).digest("hex"), content, created_at: now },
    ]);
    return id;
  });

  for (let start = 0; start < count; start += MOUS_PER_TRANSACTION) {
    const batch = Math.min(MOUS_PER_TRANSACTION, count - start);
    const rows: Record<"mous" | "mou_parties" | "mou_versions" | "agreements" | "commitments" | "milestones" | "progress_updates", Record<string, unknown>[]> = {
      mous: [],
      mou_parties: [],
      mou_versions: [],
      agreements: [],
      commitments: [],
      milestones: [],
      progress_updates: [],
    };
    for (let k = 0; k < batch; k++) {
      const n = start + k + 1;
      const mouId = newId();
      const signedOn = dayFromToday(-Math.floor(rnd() * 720));
      const parties = new Set<string>([pick(orgIds), pick(orgIds)]);
      if (rnd() < 0.4) parties.add(pick(orgIds));
      if (withMembers.length && n % 25 === 0) parties.add(pick(withMembers));
      const partyList = [...parties];
      rows.mous.push({
        id: mouId,
        reference: `MOU-MAU-${runTag}-${String(n).padStart(6, "0")}`,
        status: "active",
        title_vi: `Biên bản ghi nhớ mẫu số ${n}`,
        title_en: `Sample memorandum no. ${n}`,
        event_id: rnd() < 0.6 ? pick(eventIds) : null,
        effective_on: signedOn,
        expires_on: addDays(signedOn, 3 * 365),
        visibility: rnd() < 0.5 ? "public" : "private",
        is_sample: 1,
        created_at: at(addDays(signedOn, -14), "09:00"),
        updated_at: at(signedOn, "10:00"),
      });
      partyList.forEach((orgId, i) => rows.mou_parties.push({ id: newId(), mou_id: mouId, org_id: orgId, is_lead: i === 0 ? 1 : 0, sort_order: i, accepted_at: now }));
      const versionId = newId();
      const hash = crypto.createHash("sha256").update(`${runTag}-${n}`).digest("hex");
      rows.mou_versions.push({ id: versionId, mou_id: mouId, number: 1, content: "{}", content_hash: hash, created_at: now, frozen_at: now });
      rows.agreements.push({ id: newId(), mou_id: mouId, version_id: versionId, file_id: placeholder, sha256: hash, verification_code: `${runTag}${n}`, created_at: at(signedOn, "11:00") });
      const commitmentCount = 4 + Math.floor(rnd() * 3);
      for (let c = 0; c < commitmentCount; c++) {
        const commitmentId = newId();
        const dueOn = addDays(signedOn, 180 + Math.floor(rnd() * 540));
        const target = rnd() < 0.6 ? 10 + Math.floor(rnd() * 200) : null;
        rows.commitments.push({
          id: commitmentId,
          mou_id: mouId,
          org_id: pick(partyList),
          title_vi: `Cam kết mẫu ${n}.${c + 1}`,
          title_en: `Sample commitment ${n}.${c + 1}`,
          kpi_target: target,
          kpi_unit_vi: target ? "đơn vị" : null,
          kpi_unit_en: target ? "units" : null,
          kpi_current: target ? Math.floor(rnd() * target) : 0,
          start_on: signedOn,
          due_on: dueOn,
          sort_order: c,
          created_at: now,
          updated_at: now,
        });
        for (let m = 0; m < 4; m++) {
          const mDue = addDays(signedOn, Math.round(((m + 1) / 4) * (180 + Math.floor(rnd() * 360))));
          const status = mDue < dayFromToday(0) ? (rnd() < 0.7 ? "done" : "in_progress") : rnd() < 0.2 ? "in_progress" : "pending";
          rows.milestones.push({ id: newId(), commitment_id: commitmentId, title_vi: `Mốc ${m + 1}`, title_en: `Milestone ${m + 1}`, due_on: mDue, weight: 1, status, done_at: status === "done" ? at(mDue, "17:00") : null, sort_order: m, created_at: now, updated_at: now });
        }
        if (rnd() < 0.5) rows.progress_updates.push({ id: newId(), commitment_id: commitmentId, note: "Báo cáo tiến độ mẫu.", kpi_value: null, created_at: now });
      }
    }
    await db.transaction().execute(async (trx) => {
      for (const table of ["mous", "mou_parties", "mou_versions", "agreements", "commitments", "milestones", "progress_updates"] as const) await insertRows(trx, table, rows[table]);
      await refreshCommitmentStatuses(trx, rows.commitments.map((c) => c.id as string));
    });
  }
}
