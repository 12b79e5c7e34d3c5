import { newId } from "~/lib/ids.server";
import { refreshCommitmentStatuses } from "~/commitments/stored-status.server";
import { createVersion } from "~/mous/versions.server";
import type { Trx, Tx } from "~db/schema";
import { addDays, at, dayFromToday } from "./days";
import { FORUM_MOU_CLAUSES, NTT_MOU_CLAUSES, TRAINING_MOU_CLAUSES, type DemoClause } from "./demo-data";

type MouSeed = {
  reference: string;
  status: "active" | "awaiting_signatures" | "in_review";
  visibility: "public" | "private";
  title_vi: string;
  title_en: string;
  purpose_vi: string;
  purpose_en: string;
  scope_vi: string;
  scope_en: string;
  event_id: string | null;
  effective_on: string | null;
  expires_on: string | null;
  signing_deadline: string | null;
  parties: string[];
  clauses: DemoClause[];
  created_by: string;
  created_at: string;
};

async function insertMou(trx: Trx, m: MouSeed) {
  const id = newId();
  const { parties, clauses, ...row } = m;
  await trx
    .insertInto("mous")
    .values({ id, ...row, is_sample: 1, shared_at: m.created_at, updated_at: m.created_at })
    .execute();
  const partyIds: Record<string, string> = {};
  for (const [i, org] of parties.entries()) {
    partyIds[org] = newId();
    await trx.insertInto("mou_parties").values({ id: partyIds[org], mou_id: id, org_id: org, is_lead: i === 0 ? 1 : 0, sort_order: i, accepted_at: m.created_at }).execute();
  }
  for (const [i, c] of clauses.entries()) {
    await trx.insertInto("mou_clauses").values({ id: newId(), mou_id: id, position: i + 1, ...c }).execute();
  }
  return { id, partyIds };
}

type CommitmentSeed = {
  org: string;
  title_vi: string;
  title_en: string;
  kpi_target: number | null;
  kpi_unit_vi: string | null;
  kpi_unit_en: string | null;
  kpi_current: number;
  due_on: string;
  milestones: { title_vi: string; title_en: string; due_on: string; weight: number; status: "pending" | "in_progress" | "done" }[];
};

async function insertCommitments(trx: Tx, mouId: string, startOn: string, list: CommitmentSeed[]) {
  const now = new Date().toISOString();
  const ids: string[] = [];
  for (const [i, c] of list.entries()) {
    const id = newId();
    ids.push(id);
    const { org, milestones, ...fields } = c;
    await trx
      .insertInto("commitments")
      .values({ id, mou_id: mouId, org_id: org, ...fields, description_vi: null, description_en: null, start_on: startOn, sort_order: i, created_at: now, updated_at: now })
      .execute();
    for (const [j, m] of milestones.entries()) {
      await trx
        .insertInto("milestones")
        .values({
          id: newId(),
          commitment_id: id,
          ...m,
          done_at: m.status === "done" ? at(m.due_on, "17:00") : null,
          sort_order: j,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  }
  await refreshCommitmentStatuses(trx, ids);
  return ids;
}

/** The three demo MoUs: one signed at the forum, one awaiting signatures, one private to NTT and a sample company. */
export async function seedMous(trx: Tx, { forumId, forumDay, userIds }: { forumId: string; forumDay: string; userIds: Map<string, string> }) {
  const year = forumDay.slice(0, 4);
  const signer3ds = userIds.get("signer@3ds.demo.example")!;
  const signerKami = userIds.get("signer@kami.demo.example")!;
  const draftedAt = at(addDays(forumDay, -14), "10:00");

  // 1. Signed on stage at the forum: public, active, with commitments (some milestones overdue).
  const signed = await insertMou(trx, {
    reference: `MOU-${year}-0001`,
    status: "active",
    visibility: "public",
    title_vi: "Biên bản ghi nhớ hợp tác phát triển kinh tế số địa phương trên nền tảng chuỗi cung ứng công nghệ cao",
    title_en: "Memorandum of understanding on developing the local digital economy on high-tech supply chains",
    purpose_vi: "Hợp tác lâu dài về pháp lý, kỹ thuật và phát triển kinh tế số địa phương gắn với chuỗi cung ứng công nghệ cao.",
    purpose_en: "Long-term cooperation on legal, technical and local digital-economy development tied to high-tech supply chains.",
    scope_vi: "Ứng dụng DELMIA, ENOVIA, MES và IoT; đào tạo nhân lực; hỗ trợ doanh nghiệp Vĩnh Phúc tham gia chuỗi cung ứng toàn cầu.",
    scope_en: "DELMIA, ENOVIA, MES and IoT; training; helping Vĩnh Phúc companies join global supply chains.",
    event_id: forumId,
    effective_on: forumDay,
    expires_on: addDays(forumDay, 3 * 365),
    signing_deadline: null,
    parties: ["dassault-systemes", "kami"],
    clauses: FORUM_MOU_CLAUSES,
    created_by: signerKami,
    created_at: draftedAt,
  });
  const [training] = await insertCommitments(trx, signed.id, forumDay, [
    {
      org: "dassault-systemes",
      title_vi: "Đào tạo 200 kỹ sư Vĩnh Phúc về DELMIA và ENOVIA",
      title_en: "Train 200 Vĩnh Phúc engineers in DELMIA and ENOVIA",
      kpi_target: 200,
      kpi_unit_vi: "kỹ sư",
      kpi_unit_en: "engineers",
      kpi_current: 45,
      due_on: addDays(forumDay, 365),
      milestones: [
        { title_vi: "Khóa 1: 40 kỹ sư", title_en: "Cohort 1: 40 engineers", due_on: addDays(forumDay, 14), weight: 1, status: "done" },
        { title_vi: "Khóa 2: 60 kỹ sư", title_en: "Cohort 2: 60 engineers", due_on: addDays(forumDay, 120), weight: 1.5, status: "in_progress" },
        { title_vi: "Khóa 3 và 4: 100 kỹ sư", title_en: "Cohorts 3 and 4: 100 engineers", due_on: addDays(forumDay, 330), weight: 2.5, status: "pending" },
      ],
    },
    {
      org: "kami",
      title_vi: "Triển khai MES tại 5 nhà máy trong tỉnh",
      title_en: "Deploy MES in 5 factories in the province",
      kpi_target: 5,
      kpi_unit_vi: "nhà máy",
      kpi_unit_en: "factories",
      kpi_current: 0,
      due_on: addDays(forumDay, 270),
      milestones: [
        { title_vi: "Khảo sát hiện trạng dây chuyền", title_en: "Survey of the current lines", due_on: addDays(forumDay, 7), weight: 1, status: "done" },
        { title_vi: "Dây chuyền thí điểm tại nhà máy Kami", title_en: "Pilot line at the Kami factory", due_on: addDays(forumDay, 14), weight: 2, status: "pending" },
        { title_vi: "Mở rộng sang 4 nhà máy đối tác", title_en: "Roll out to 4 partner factories", due_on: addDays(forumDay, 260), weight: 3, status: "pending" },
      ],
    },
    {
      org: "dassault-systemes",
      title_vi: "Tư vấn mô hình kinh tế số địa phương cho tỉnh",
      title_en: "Advise the province on a local digital-economy model",
      kpi_target: null,
      kpi_unit_vi: null,
      kpi_unit_en: null,
      kpi_current: 0,
      due_on: addDays(forumDay, 180),
      milestones: [
        { title_vi: "Báo cáo đề xuất mô hình", title_en: "Model proposal report", due_on: addDays(forumDay, 18), weight: 1, status: "in_progress" },
      ],
    },
  ]);
  const signedAt = at(forumDay, "11:30");
  const version = await createVersion(trx, signed.id, { createdBy: signerKami, freeze: true, at: at(addDays(forumDay, -3), "15:00") });
  await insertSignatory(trx, signed.id, signed.partyIds["dassault-systemes"], version, signer3ds, "Nguyễn Hoàng Nam", "Giám đốc quốc gia, Việt Nam", "signer@3ds.demo.example", signedAt);
  await insertSignatory(trx, signed.id, signed.partyIds.kami, version, signerKami, "Đỗ Thị Thu Trang", "Tổng Giám đốc", "signer@kami.demo.example", at(forumDay, "11:32"));
  await trx
    .insertInto("progress_updates")
    .values({
      id: newId(),
      commitment_id: training,
      milestone_id: null,
      author_id: signer3ds,
      note: "Hoàn thành khóa 1 với 45 kỹ sư từ 12 doanh nghiệp (dữ liệu mẫu).",
      kpi_value: 45,
      created_at: at(addDays(forumDay, 14), "17:00"),
    })
    .execute();

  // 2. Awaiting signatures: the demo signers can sign it.
  const pending = await insertMou(trx, {
    reference: `MOU-${year}-0002`,
    status: "awaiting_signatures",
    visibility: "private",
    title_vi: "Biên bản ghi nhớ thành lập Trung tâm đào tạo DELMIA và ENOVIA tại Vĩnh Phúc",
    title_en: "Memorandum of understanding on a DELMIA and ENOVIA training centre in Vĩnh Phúc",
    purpose_vi: "Xây dựng năng lực kỹ sư tại chỗ cho chuỗi cung ứng công nghệ cao của tỉnh.",
    purpose_en: "Build local engineering capacity for the province's high-tech supply chains.",
    scope_vi: "Mặt bằng, thiết bị, giấy phép phần mềm và giảng viên cho trung tâm đào tạo.",
    scope_en: "Premises, equipment, software licences and trainers for the training centre.",
    event_id: null,
    effective_on: dayFromToday(14),
    expires_on: addDays(dayFromToday(14), 2 * 365),
    signing_deadline: dayFromToday(14),
    parties: ["kami", "dassault-systemes"],
    clauses: TRAINING_MOU_CLAUSES,
    created_by: signerKami,
    created_at: at(dayFromToday(-10), "09:00"),
  });
  await insertCommitments(trx, pending.id, dayFromToday(14), [
    {
      org: "dassault-systemes",
      title_vi: "Cung cấp 30 giấy phép DELMIA/ENOVIA cho trung tâm",
      title_en: "Provide 30 DELMIA/ENOVIA licences to the centre",
      kpi_target: 30,
      kpi_unit_vi: "giấy phép",
      kpi_unit_en: "licences",
      kpi_current: 0,
      due_on: dayFromToday(60),
      milestones: [],
    },
    {
      org: "kami",
      title_vi: "Bố trí phòng thực hành 30 máy trạm",
      title_en: "Fit out a lab with 30 workstations",
      kpi_target: 30,
      kpi_unit_vi: "máy trạm",
      kpi_unit_en: "workstations",
      kpi_current: 0,
      due_on: dayFromToday(45),
      milestones: [],
    },
  ]);
  const pendingVersion = await createVersion(trx, pending.id, { createdBy: signerKami, freeze: true, at: at(dayFromToday(-2), "09:00") });
  await insertSignatory(trx, pending.id, pending.partyIds.kami, pendingVersion, signerKami, "Đỗ Thị Thu Trang", "Tổng Giám đốc", "signer@kami.demo.example", null);
  await insertSignatory(trx, pending.id, pending.partyIds["dassault-systemes"], pendingVersion, signer3ds, "Nguyễn Hoàng Nam", "Giám đốc quốc gia, Việt Nam", "signer@3ds.demo.example", null);

  // 3. Private to NTT and a sample Vĩnh Phúc company: neither demo company may see it.
  await insertMou(trx, {
    reference: `MOU-${year}-0003`,
    status: "in_review",
    visibility: "private",
    title_vi: "Biên bản ghi nhớ thí điểm MES và IoT trên dây chuyền linh kiện điện tử",
    title_en: "Memorandum of understanding on an MES and IoT pilot on electronic-component lines",
    purpose_vi: "Thí điểm quản trị nhà máy hiện đại bằng MES và IoT.",
    purpose_en: "Pilot modern factory management with MES and IoT.",
    scope_vi: "Hai dây chuyền sản xuất tại Bình Xuyên, Vĩnh Phúc.",
    scope_en: "Two production lines in Bình Xuyên, Vĩnh Phúc.",
    event_id: forumId,
    effective_on: null,
    expires_on: null,
    signing_deadline: null,
    parties: ["ntt", "binh-xuyen-electronics"],
    clauses: NTT_MOU_CLAUSES,
    created_by: userIds.get("staff@nic.demo.example")!,
    created_at: at(dayFromToday(-5), "09:00"),
  });
}

async function insertSignatory(
  trx: Trx,
  mouId: string,
  partyId: string,
  version: { id: string; content_hash: string; created_at: string },
  userId: string,
  name: string,
  title: string,
  email: string,
  signedAt: string | null,
) {
  await trx
    .insertInto("signatories")
    .values({
      id: newId(),
      mou_id: mouId,
      party_id: partyId,
      version_id: version.id,
      user_id: userId,
      name,
      title,
      email,
      status: signedAt ? "signed" : "pending",
      signature_kind: signedAt ? "typed" : null,
      signature_data: signedAt ? name : null,
      consent_text: signedAt ? "Tôi đồng ý ký điện tử văn bản này. / I agree to sign this document electronically." : null,
      version_hash: signedAt ? version.content_hash : null,
      ip: signedAt ? "203.0.113.10" : null,
      user_agent: signedAt ? "Demo data" : null,
      signed_at: signedAt,
      invited_at: version.created_at,
      created_at: version.created_at,
    })
    .execute();
}
