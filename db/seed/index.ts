import { hashPassword } from "~/auth/password.server";
import { newId } from "~/lib/ids.server";
import { vietnamLocalToIso, vietnamToday } from "~/lib/time";
import { portalOrigin } from "~/config.server";
import { issuePendingAgreements } from "~/mous/agreements.server";
import { createVersion } from "~/mous/versions.server";
import type { DB, Trx, Tx } from "../schema";
import {
  DEMO_PASSWORD,
  FORUM_AGENDA,
  FORUM_MOU_CLAUSES,
  FORUM_ORGS,
  FORUM_SLUG,
  FORUM_SPEAKERS,
  NTT_MOU_CLAUSES,
  ORGS,
  TRAINING_MOU_CLAUSES,
  USERS,
  WORKSHOP_AGENDA,
  WORKSHOP_SLUG,
  WORKSHOP_SPEAKERS,
  type DemoAgendaItem,
  type DemoClause,
  type DemoSpeaker,
} from "./demo-data";

export { DEMO_PASSWORD, FORUM_SLUG, WORKSHOP_SLUG };

export async function isDatabaseEmpty(db: DB): Promise<boolean> {
  const users = await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const orgs = await db.selectFrom("organizations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(users.n) === 0 && Number(orgs.n) === 0;
}

/** A day relative to today in Vietnam, as YYYY-MM-DD. */
function dayFromToday(days: number): string {
  const today = vietnamToday();
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function at(day: string, time: string): string {
  return vietnamLocalToIso(`${day}T${time}`)!;
}

/**
 * Loads the demo portal: the Vĩnh Phúc forum three weeks ago with its MoU signing, a hands-on
 * workshop coming up with 30 seats, the organizations, the four demo users and three MoUs.
 */
export async function seedDemoData(db: DB): Promise<void> {
  // Hashing is slow on purpose; do it before the transaction so that the lock is held briefly.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const forumDay = dayFromToday(-21);
  const workshopDay = dayFromToday(16);
  const created = at(dayFromToday(-60), "09:00");

  await db.transaction().execute(async (trx) => {
    for (const org of ORGS) {
      await trx
        .insertInto("organizations")
        .values({
          ...org,
          verified: org.verified ? 1 : 0,
          verified_at: org.verified ? created : null,
          is_sample: org.is_sample ? 1 : 0,
          created_at: created,
          updated_at: created,
        })
        .execute();
    }

    const userIds = new Map<string, string>();
    for (const u of USERS) {
      const id = newId();
      userIds.set(u.email, id);
      await trx
        .insertInto("users")
        .values({
          id,
          email: u.email,
          name: u.name,
          password_hash: passwordHash,
          email_verified_at: created,
          locale: "vi",
          is_staff: u.is_staff ? 1 : 0,
          is_organizer: u.is_organizer ? 1 : 0,
          position: u.position,
          phone: null,
          disabled_at: null,
          created_at: created,
          updated_at: created,
        })
        .execute();
      for (const m of u.memberships) {
        await trx.insertInto("memberships").values({ id: newId(), org_id: m.org, user_id: id, role: m.role, created_at: created }).execute();
      }
    }
    const organizerId = userIds.get("organizer@vinhphuc.demo.example")!;

    const forumId = await insertEvent(trx, {
      slug: FORUM_SLUG,
      kind: "forum",
      status: "closed",
      title_vi: "Xây dựng kinh tế số địa phương trên nền tảng chuỗi cung ứng công nghệ cao",
      title_en: "Building the local digital economy on high-tech supply chains",
      summary_vi:
        "Diễn đàn do UBND tỉnh Vĩnh Phúc chủ trì, Sở Khoa học và Công nghệ phối hợp với NIC và Dassault Systèmes tổ chức, cùng sự đồng hành của NTT và CTCP Công nghệ Chế tạo Kami.",
      summary_en:
        "A forum hosted by the Vĩnh Phúc Provincial People's Committee and organised by its Department of Science and Technology with NIC and Dassault Systèmes, joined by NTT and Kami Manufacturing Technology JSC.",
      description_vi:
        "Thúc đẩy chuyển đổi số toàn diện tại Vĩnh Phúc, khai thác tiềm năng của chuỗi cung ứng công nghệ cao để phát triển kinh tế số bền vững và sáng tạo, cụ thể hóa Nghị quyết 57-NQ/TW. Diễn đàn giới thiệu DELMIA và ENOVIA, vai trò của MES và IoT, và khép lại bằng lễ ký biên bản ghi nhớ giữa Dassault Systèmes và các doanh nghiệp công nghệ cao của tỉnh.",
      description_en:
        "Driving Vĩnh Phúc's digital transformation by building on high-tech supply chains, in line with Politburo Resolution 57-NQ/TW. The forum presented DELMIA and ENOVIA and the role of MES and IoT, and closed with MoU signings between Dassault Systèmes and the province's high-tech enterprises.",
      venue_vi: "Trung tâm Hội nghị tỉnh Vĩnh Phúc",
      venue_en: "Vĩnh Phúc Provincial Convention Centre",
      address: "TP. Vĩnh Yên, tỉnh Vĩnh Phúc",
      starts_at: at(forumDay, "08:00"),
      ends_at: at(forumDay, "11:45"),
      capacity: 300,
      registration_opens_at: at(dayFromToday(-50), "08:00"),
      registration_closes_at: at(addDays(forumDay, -1), "17:00"),
      requires_approval: 0,
      is_sample: 1,
      created_by: organizerId,
      published_at: at(dayFromToday(-50), "08:00"),
      created_at: created,
    });
    await insertProgramme(trx, forumId, forumDay, FORUM_SPEAKERS, FORUM_AGENDA);
    for (const [i, o] of FORUM_ORGS.entries()) {
      await trx.insertInto("event_organizations").values({ id: newId(), event_id: forumId, org_id: o.org, role: o.role, sort_order: i }).execute();
    }

    const workshopId = await insertEvent(trx, {
      slug: WORKSHOP_SLUG,
      kind: "workshop",
      status: "published",
      title_vi: "Hội thảo thực hành DELMIA và ENOVIA cho doanh nghiệp Vĩnh Phúc",
      title_en: "Hands-on DELMIA and ENOVIA workshop for Vĩnh Phúc enterprises",
      summary_vi:
        "Một ngày thực hành mô phỏng, lập kế hoạch và tối ưu hóa sản xuất và chuỗi cung ứng cùng kỹ sư Dassault Systèmes. Giới hạn 30 chỗ.",
      summary_en:
        "A hands-on day simulating, planning and optimising production and supply chains with Dassault Systèmes engineers. Limited to 30 seats.",
      description_vi:
        "Tiếp nối diễn đàn, hội thảo dành cho kỹ sư và cán bộ kỹ thuật của doanh nghiệp trong tỉnh. Mỗi học viên làm việc trên một máy trạm; vui lòng đăng ký trước.",
      description_en:
        "Following the forum, this workshop is for engineers and technical staff of the province's companies. Each participant works at a workstation; please register in advance.",
      venue_vi: "Trung tâm Đổi mới sáng tạo Vĩnh Phúc, Phòng Lab 1",
      venue_en: "Vĩnh Phúc Innovation Centre, Lab 1",
      address: "TP. Vĩnh Yên, tỉnh Vĩnh Phúc",
      starts_at: at(workshopDay, "08:30"),
      ends_at: at(workshopDay, "16:30"),
      capacity: 30,
      registration_opens_at: at(dayFromToday(-7), "08:00"),
      registration_closes_at: at(addDays(workshopDay, -1), "17:00"),
      requires_approval: 0,
      is_sample: 1,
      created_by: organizerId,
      published_at: at(dayFromToday(-7), "08:00"),
      created_at: at(dayFromToday(-8), "09:00"),
    });
    await insertProgramme(trx, workshopId, workshopDay, WORKSHOP_SPEAKERS, WORKSHOP_AGENDA);
    for (const [i, o] of [
      { org: "dassault-systemes", role: "host" as const },
      { org: "so-khcn-vinh-phuc", role: "co_organizer" as const },
      { org: "nic", role: "partner" as const },
      { org: "kami", role: "sponsor" as const },
    ].entries()) {
      await trx.insertInto("event_organizations").values({ id: newId(), event_id: workshopId, org_id: o.org, role: o.role, sort_order: i }).execute();
    }

    await seedMous(trx, { forumId, forumDay, userIds });
  });
  // The MoU signed at the forum gets its sealed PDF, made after the transaction like any other
  // agreement; no mail goes out for a signing that happened weeks ago.
  await issuePendingAgreements(db, { origin: portalOrigin(), notify: false });
}

type EventSeed = {
  slug: string;
  kind: "forum" | "workshop";
  status: "published" | "closed";
  title_vi: string;
  title_en: string;
  summary_vi: string;
  summary_en: string;
  description_vi: string;
  description_en: string;
  venue_vi: string;
  venue_en: string;
  address: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  registration_opens_at: string;
  registration_closes_at: string;
  requires_approval: 0 | 1;
  is_sample: 0 | 1;
  created_by: string;
  published_at: string;
  created_at: string;
};

async function insertEvent(trx: Trx, e: EventSeed): Promise<string> {
  const id = newId();
  await trx
    .insertInto("events")
    .values({ id, ...e, questions: "[]", updated_at: e.created_at })
    .execute();
  return id;
}

async function insertProgramme(trx: Trx, eventId: string, day: string, speakers: DemoSpeaker[], agenda: DemoAgendaItem[]) {
  const now = new Date().toISOString();
  const speakerIds = new Map<string, string>();
  for (const [i, s] of speakers.entries()) {
    const id = newId();
    speakerIds.set(s.key, id);
    await trx
      .insertInto("speakers")
      .values({
        id,
        event_id: eventId,
        name: s.name,
        position_vi: s.position_vi,
        position_en: s.position_en,
        org_id: s.org,
        organization_name: null,
        bio_vi: s.bio_vi,
        bio_en: s.bio_en,
        sort_order: i,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  for (const item of agenda) {
    const id = newId();
    await trx
      .insertInto("agenda_items")
      .values({
        id,
        event_id: eventId,
        starts_at: at(day, item.start),
        ends_at: at(day, item.end),
        room: item.room,
        kind: item.kind,
        title_vi: item.title_vi,
        title_en: item.title_en,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const key of item.speakers) {
      await trx.insertInto("agenda_speakers").values({ agenda_item_id: id, speaker_id: speakerIds.get(key)! }).execute();
    }
  }
}

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

async function insertCommitments(trx: Trx, mouId: string, startOn: string, list: CommitmentSeed[]) {
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
  return ids;
}

async function seedMous(trx: Tx, { forumId, forumDay, userIds }: { forumId: string; forumDay: string; userIds: Map<string, string> }) {
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
