import { hashPassword } from "~/auth/password.server";
import { newId } from "~/lib/ids.server";
import { portalOrigin } from "~/config.server";
import { issuePendingAgreements } from "~/mous/agreements.server";
import type { DB, Trx } from "~db/schema";
import {
  DEMO_PASSWORD,
  FORUM_AGENDA,
  FORUM_ORGS,
  FORUM_SLUG,
  FORUM_SPEAKERS,
  ORGS,
  USERS,
  WORKSHOP_AGENDA,
  WORKSHOP_SLUG,
  WORKSHOP_SPEAKERS,
  type DemoAgendaItem,
  type DemoSpeaker,
} from "./demo-data";
import { addDays, at, dayFromToday } from "./days";
import { seedMous } from "./seed-mous.server";
import { seedOnboarding } from "./seed-onboarding.server";

export async function isDatabaseEmpty(db: DB): Promise<boolean> {
  const users = await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const orgs = await db.selectFrom("organizations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(users.n) === 0 && Number(orgs.n) === 0;
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
    await seedOnboarding(trx, passwordHash);
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
