import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { formatDay } from "~/i18n/translate";
import { newId } from "~/lib/ids.server";
import { draftFormValues } from "~/mous/drafts.server";
import { Client, DEMO } from "../helpers/http";
import { latestEmail } from "../helpers/mail-links";
import { PERSONA_EMAILS, signInPersonas, type Persona } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";

const NTT_ADMIN = "admin@ntt.test.example";

/** The draft form as a browser sends it; Kami leads with Dassault Systèmes unless told otherwise. */
function draftForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title_vi: "Biên bản ghi nhớ về đào tạo MES",
    title_en: "Memorandum on MES training",
    visibility: "private",
    lead: "0",
    "parties.0.org_id": "kami",
    "parties.1.org_id": "dassault-systemes",
    "clauses.0.body_vi": "Hai bên hợp tác đào tạo kỹ sư MES tại Vĩnh Phúc.",
    ...overrides,
  };
}

describe("who is party to an MoU", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  let ds: Client;
  let nttAdmin: Client;

  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    ds = new Client(server.baseUrl);
    await ds.signIn(DEMO.signer3ds);
    // NTT's demo people are members only; an admin answers for it, and reads English.
    const now = new Date().toISOString();
    const id = newId();
    await server.db
      .insertInto("users")
      .values({ id, email: NTT_ADMIN, name: "Watanabe Akira", password_hash: await hashPassword("vinhphuc-demo"), email_verified_at: now, locale: "en", created_at: now, updated_at: now })
      .execute();
    await server.db.insertInto("memberships").values({ id: newId(), org_id: "ntt", user_id: id, role: "admin", created_at: now }).execute();
    nttAdmin = new Client(server.baseUrl);
    await nttAdmin.signIn(NTT_ADMIN);
  });
  afterAll(async () => server?.stop());

  async function create(client: Client, fields: Record<string, string>) {
    const res = await client.post("/mous/new", fields);
    expect(res.status).toBe(302);
    const id = /^\/mous\/([a-z0-9]+)$/.exec(res.headers.get("location") ?? "")![1];
    const { reference } = await server.db.selectFrom("mous").select("reference").where("id", "=", id).executeTakeFirstOrThrow();
    return { id, reference };
  }

  const parties = async (id: string) =>
    (await server.db.selectFrom("mou_parties").select(["org_id", "is_lead", "accepted_at"]).where("mou_id", "=", id).orderBy("sort_order").execute()).map((p) => ({
      org: p.org_id,
      lead: Number(p.is_lead) === 1,
      accepted: p.accepted_at !== null,
    }));

  const listed = async (client: Client, reference: string) => (await (await client.get("/mous")).text()).includes(reference);

  it("accepts the creating organization's party at once, and leaves the others pending until their admin answers", async () => {
    const { id } = await create(clients.member, draftForm({ "parties.2.org_id": "ntt" }));
    expect(await parties(id)).toEqual([
      { org: "kami", lead: true, accepted: true },
      { org: "dassault-systemes", lead: false, accepted: false },
      { org: "ntt", lead: false, accepted: false },
    ]);
  });

  it("lets only the lead party change the parties or the lead; the others edit the text, and the creator keeps its MoU", async () => {
    const { id, reference } = await create(clients.orgAdmin, draftForm());
    const accepted = await ds.post(`/mous/${id}/invitation`, { intent: "accept", org_id: "dassault-systemes" });
    expect(accepted.headers.get("location")).toBe(`/mous/${id}`);
    expect(await (await ds.follow(accepted)).text()).toContain("Tổ chức của bạn đã tham gia biên bản này.");
    const before = await parties(id);

    // The take-over of the report: Dassault Systèmes drops Kami, adds NTT and makes itself lead.
    const takeOver = await ds.post(`/mous/${id}/edit`, draftForm({ "parties.0.org_id": "dassault-systemes", "parties.1.org_id": "ntt" }));
    expect(takeOver.status).toBe(400);
    expect(await takeOver.text()).toContain("Chỉ bên chủ trì được thay đổi các bên hoặc bên chủ trì.");
    const newLead = await ds.post(`/mous/${id}/edit`, draftForm({ lead: "1" }));
    expect(newLead.status).toBe(400);
    expect(await newLead.text()).toContain("Chỉ bên chủ trì được thay đổi các bên hoặc bên chủ trì.");
    expect(await parties(id)).toEqual(before);
    expect((await clients.member.get(`/mous/${id}`)).status).toBe(200);
    expect(await listed(clients.member, reference)).toBe(true);
    expect((await clients.otherMember.get(`/mous/${id}`)).status).toBe(404);

    // The same party list, sent back as the form shows it to a non-lead party, saves the text.
    const editPage = await (await ds.get(`/mous/${id}/edit`)).text();
    expect(editPage).toContain("Các bên và bên chủ trì do bên chủ trì quyết định.");
    expect((await ds.post(`/mous/${id}/edit`, draftForm({ title_vi: "Đào tạo MES (bản sửa của Dassault)" }))).status).toBe(302);
    expect((await server.db.selectFrom("mous").select("title_vi").where("id", "=", id).executeTakeFirstOrThrow()).title_vi).toBe("Đào tạo MES (bản sửa của Dassault)");

    // Any member of the lead party may; a lead must be a party that has accepted.
    const toNtt = await clients.member.post(`/mous/${id}/edit`, draftForm({ "parties.2.org_id": "ntt", lead: "2" }));
    expect(toNtt.status).toBe(400);
    expect(await toNtt.text()).toContain("Bên chủ trì mới phải là một bên đã chấp nhận tham gia.");
    expect((await clients.member.post(`/mous/${id}/edit`, draftForm({ "parties.2.org_id": "ntt" }))).status).toBe(302);
    expect(await parties(id)).toEqual([...before, { org: "ntt", lead: false, accepted: false }]);
    expect((await clients.member.post(`/mous/${id}/edit`, draftForm({ "parties.2.org_id": "ntt", lead: "1" }))).status).toBe(302);
    expect((await parties(id)).find((p) => p.lead)?.org).toBe("dassault-systemes");
  });

  it("shows an added organization nothing of the MoU until one of its admins accepts, then everything", async () => {
    const { id, reference } = await create(clients.member, draftForm({ "parties.1.org_id": "ntt" }));
    const hidden = [`/mous/${id}`, `/mous/${id}/edit`, `/mous/${id}/compare?a=1&b=1`, `/mous/${id}/agreement.pdf`];
    for (const path of hidden) expect([path, (await clients.otherMember.get(path)).status]).toEqual([path, 404]);
    for (const path of hidden) expect([path, (await nttAdmin.get(path)).status]).toEqual([path, 404]);
    expect(await listed(clients.otherMember, reference)).toBe(false);
    expect(await listed(nttAdmin, reference)).toBe(false);
    // Not to review while a party is pending, and nobody at NTT hears of the text meanwhile.
    const share = await clients.orgAdmin.post(`/mous/${id}`, { intent: "share" });
    expect(share.status).toBe(400);
    expect(await share.text()).toContain("Còn bên chưa chấp nhận tham gia");

    // The admin is asked, in their language, with a link to answer; a plain member cannot answer.
    const mail = await latestEmail(server.db, NTT_ADMIN, "mou_party_invitation");
    expect(mail?.subject).toBe(`[${reference}] Invitation to take part: Memorandum on MES training`);
    expect(mail?.text_body).toContain("Kami Manufacturing Technology JSC");
    expect(await latestEmail(server.db, PERSONA_EMAILS.otherMember, "mou_party_invitation")).toBeUndefined();
    const link = `/mous/${id}/invitation`;
    expect(mail?.text_body).toMatch(new RegExp(`https?://[^\\s/]+${link}\\s`));
    expect((await clients.otherMember.get(link)).status).toBe(404);
    expect((await clients.otherMember.post(link, { intent: "accept", org_id: "ntt" })).status).toBe(404);
    expect((await clients.member.post(link, { intent: "accept", org_id: "ntt" })).status).toBe(302);
    expect((await parties(id)).find((p) => p.org === "ntt")?.accepted).toBe(false);
    const invitation = await nttAdmin.get(link);
    expect(invitation.status).toBe(200);
    expect(await invitation.text()).toContain("Memorandum on MES training");

    expect((await nttAdmin.post(link, { intent: "accept", org_id: "ntt" })).status).toBe(302);
    for (const path of [`/mous/${id}`, `/mous/${id}/edit`]) expect([path, (await clients.otherMember.get(path)).status]).toEqual([path, 200]);
    expect(await listed(clients.otherMember, reference)).toBe(true);
    expect((await nttAdmin.get(link)).headers.get("location")).toBe(`/mous/${id}`);
    expect((await clients.orgAdmin.post(`/mous/${id}`, { intent: "share" })).status).toBe(302);
  });

  it("keeps the commitments of a signed MoU from an organization added by an amendment until it accepts", async () => {
    const signed = await server.db.selectFrom("mous").select(["id", "reference"]).where("reference", "like", "MOU-%-0001").executeTakeFirstOrThrow();
    const commitments = await server.db.selectFrom("commitments").select("id").where("mou_id", "=", signed.id).execute();
    expect((await ds.post(`/mous/${signed.id}`, { intent: "amend" })).status).toBe(302);
    const values = await draftFormValues(server.db, signed.id);
    expect((await ds.post(`/mous/${signed.id}/edit`, { ...values, "parties.2.org_id": "ntt" })).status).toBe(302);
    const seen = async () => (await (await clients.otherMember.get("/commitments")).text()).includes(signed.reference);
    expect(await seen()).toBe(false);
    expect((await clients.otherMember.get(`/commitments/${commitments[0].id}`)).status).toBe(404);
    expect((await nttAdmin.post(`/mous/${signed.id}/invitation`, { intent: "accept", org_id: "ntt" })).status).toBe(302);
    expect(await seen()).toBe(true);
    expect((await clients.otherMember.get(`/commitments/${commitments[0].id}`)).status).toBe(200);
  });

  it("a decline removes the party with its commitments and tells the lead", async () => {
    const { id, reference } = await create(
      clients.member,
      draftForm({
        "parties.1.org_id": "ntt",
        "commitments.0.org_id": "ntt",
        "commitments.0.title_vi": "Cung cấp nền tảng IoT",
        "commitments.0.due_on": "2030-06-30",
      }),
    );
    const res = await nttAdmin.post(`/mous/${id}/invitation`, { intent: "decline", org_id: "ntt" });
    expect(res.headers.get("location")).toBe("/mous");
    expect(await (await nttAdmin.follow(res)).text()).toContain("Bạn đã từ chối tham gia. Bên chủ trì đã được thông báo.");
    expect(await parties(id)).toEqual([{ org: "kami", lead: true, accepted: true }]);
    expect(await server.db.selectFrom("commitments").select("id").where("mou_id", "=", id).execute()).toEqual([]);
    const told = await latestEmail(server.db, DEMO.signerKami, "mou_party_declined");
    expect(told?.subject).toBe(`[${reference}] Tập đoàn NTT Nhật Bản từ chối tham gia`);
    expect(told?.text_body).toContain(`/mous/${id}`);
    expect(await latestEmail(server.db, NTT_ADMIN, "mou_party_declined")).toBeUndefined();
    expect((await nttAdmin.get(`/mous/${id}/invitation`)).status).toBe(404);
    expect((await clients.otherMember.get(`/mous/${id}`)).status).toBe(404);
  });

  it("answers unknown organizations and events next to their field with a 400, and a lead not the drafter's own", async () => {
    const count = async () => Number((await server.db.selectFrom("mous").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    const org = await clients.member.post("/mous/new", draftForm({ "parties.1.org_id": "no-such-organization" }));
    expect(org.status).toBe(400);
    const orgPage = await org.text();
    expect(orgPage).toMatch(/id="field-parties-1-org_id-error"[^>]*>Không tìm thấy tổ chức này\. Hãy chọn trong danh sách\./);
    const event = await clients.member.post("/mous/new", draftForm({ event_id: "no-such-event" }));
    expect(event.status).toBe(400);
    expect(await event.text()).toMatch(/id="field-event_id-error"[^>]*>Không tìm thấy sự kiện này\. Hãy chọn trong danh sách\./);
    const lead = await clients.member.post("/mous/new", draftForm({ lead: "1" }));
    expect(lead.status).toBe(400);
    expect(await lead.text()).toContain("Bên chủ trì phải là tổ chức của bạn.");
    expect(await count()).toBe(before);

    const { id } = await create(clients.member, draftForm());
    const edit = await clients.member.post(`/mous/${id}/edit`, draftForm({ "parties.2.org_id": "no-such-organization", event_id: "no-such-event" }));
    expect(edit.status).toBe(400);
    const editPage = await edit.text();
    expect(editPage).toContain('id="field-parties-2-org_id-error"');
    expect(editPage).toContain('id="field-event_id-error"');
  });

  it("plans milestones in the draft form, answering each wrong one next to its field in the drafter's language", async () => {
    const commitment = { "commitments.0.org_id": "kami", "commitments.0.title_vi": "Đào tạo kỹ sư MES", "commitments.0.due_on": "2030-06-30" };
    const errorOf = (page: string, name: string) => new RegExp(`id="field-${name.replace(/\./g, "\\.")}-error"[^>]*>([^<]*)<`).exec(page)?.[1];
    const wrong = await clients.member.post(
      "/mous/new",
      draftForm({
        ...commitment,
        "commitments.0.milestones.0.due_on": "2030-02-30",
        "commitments.0.milestones.0.weight": "0",
        "commitments.0.milestones.1.title_vi": "Khóa 2",
        "commitments.0.milestones.1.due_on": "mai",
        // A milestone in an otherwise blank commitment row makes it a row, which then needs its commitment.
        "commitments.1.milestones.0.title_vi": "Mốc lạc",
      }),
    );
    expect(wrong.status).toBe(400);
    const page = await wrong.text();
    expect(errorOf(page, "commitments.0.milestones.0.title_vi")).toBe("Trường này là bắt buộc.");
    expect(errorOf(page, "commitments.0.milestones.0.due_on")).toBe("Nhập ngày theo dạng YYYY-MM-DD.");
    expect(errorOf(page, "commitments.0.milestones.0.weight")).toBe("Trọng số là một số dương, tối đa 1000.");
    expect(errorOf(page, "commitments.0.milestones.1.due_on")).toBe("Nhập ngày theo dạng YYYY-MM-DD.");
    expect(errorOf(page, "commitments.1.title_vi")).toBe("Trường này là bắt buộc.");
    expect(page).toContain('value="Mốc lạc"');

    await nttAdmin.post("/language", { locale: "en" });
    const english = await nttAdmin.post("/mous/new", draftForm({ "parties.0.org_id": "ntt", "parties.1.org_id": "kami", ...commitment, "commitments.0.org_id": "ntt", "commitments.0.milestones.0.title_vi": "Khóa 1", "commitments.0.milestones.0.due_on": "30/06/2030" }));
    expect(english.status).toBe(400);
    expect(errorOf(await english.text(), "commitments.0.milestones.0.due_on")).toBe("Enter a date as YYYY-MM-DD.");

    const tooMany = await clients.member.post("/mous/new", draftForm({ ...commitment, "commitments.0.milestones.20.title_vi": "Mốc thứ 21" }));
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain("Biểu mẫu có một trường mà cổng không nhận.");

    const { id } = await create(
      clients.member,
      draftForm({ ...commitment, "commitments.0.milestones.0.title_vi": "Khóa 1", "commitments.0.milestones.0.due_on": "2030-01-31", "commitments.0.milestones.0.weight": "2", "commitments.0.milestones.1.title_vi": "" }),
    );
    const mouPage = await (await clients.member.get(`/mous/${id}`)).text();
    expect(mouPage).toContain(`Khóa 1 — hạn ${formatDay("2030-01-31", "vi")}, trọng số 2`);
    const editPage = await (await clients.member.get(`/mous/${id}/edit`)).text();
    expect(editPage).toMatch(/name="commitments\.0\.milestones\.0\.title_vi"[^>]*value="Khóa 1"/);
    // Without JavaScript a blank row is always there for the next milestone.
    expect(editPage).toMatch(/name="commitments\.0\.milestones\.1\.title_vi"[^>]*value=""/);
  });

  it("names a commitment's contact person in the draft: one of the owner's members, refused next to the field otherwise", async () => {
    const userId = async (email: string) => (await server.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
    const commitment = { "commitments.0.org_id": "kami", "commitments.0.title_vi": "Đào tạo kỹ sư MES", "commitments.0.due_on": "2030-06-30" };
    const outsider = await clients.member.post("/mous/new", draftForm({ ...commitment, "commitments.0.contact_user_id": await userId(PERSONA_EMAILS.otherMember) }));
    expect(outsider.status).toBe(400);
    expect(await outsider.text()).toMatch(/id="field-commitments-0-contact_user_id-error"[^>]*>Người liên hệ phải là thành viên của tổ chức thực hiện cam kết\./);
    const member = await userId(PERSONA_EMAILS.member);
    const { id } = await create(clients.member, draftForm({ ...commitment, "commitments.0.contact_user_id": member }));
    expect((await server.db.selectFrom("commitments").select("contact_user_id").where("mou_id", "=", id).executeTakeFirstOrThrow()).contact_user_id).toBe(member);
    expect((await draftFormValues(server.db, id))["commitments.0.contact_user_id"]).toBe(member);
  });
});
