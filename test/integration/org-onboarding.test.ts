import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { newId } from "~/lib/ids.server";
import { Client, DEMO } from "../helpers/http";
import { latestEmail } from "../helpers/mail-links";
import { startTestServer, type TestServer } from "../helpers/server";

const COMPANY = {
  name_vi: "Công ty TNHH Cơ khí Chính xác Vĩnh Phúc",
  name_en: "Vinh Phuc Precision Engineering Co., Ltd.",
  kind: "enterprise",
  country: "Việt Nam",
  province: "Vĩnh Phúc",
  sector: "Cơ khí chính xác",
  tax_code: "2500123456",
  address: "KCN Bình Xuyên, Vĩnh Phúc",
  contact_name: "Nguyễn Văn An",
  contact_email: "an@cokhi-vp.test.example",
};

describe("organizations join on their own", () => {
  let server: TestServer;
  let founder: Client;
  let staff: Client;
  let kami: Client;
  let orgId: string;

  async function makeUser(email: string, verified: boolean, locale: "vi" | "en" = "vi") {
    const now = new Date().toISOString();
    await server.db
      .insertInto("users")
      .values({ id: newId(), email, name: email.split("@")[0], password_hash: await hashPassword("vinhphuc-demo"), email_verified_at: verified ? now : null, locale, created_at: now, updated_at: now })
      .execute();
    const client = new Client(server.baseUrl);
    await client.signIn(email);
    return client;
  }

  beforeAll(async () => {
    server = await startTestServer();
    founder = await makeUser("an@cokhi-vp.test.example", true, "en");
    staff = new Client(server.baseUrl);
    await staff.signIn(DEMO.staff);
    kami = new Client(server.baseUrl);
    await kami.signIn(DEMO.signerKami);
  });
  afterAll(async () => server?.stop());

  it("refuses a tax code that is not 10 or 13 digits, next to the field", async () => {
    for (const tax_code of ["12345", "25001234567", "abcdefghij", ""]) {
      const res = await founder.post("/orgs/new", { ...COMPANY, tax_code });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Mã số phải gồm 10 hoặc 13 chữ số.");
    }
    expect(await server.db.selectFrom("organizations").select("id").where("name_vi", "=", COMPANY.name_vi).execute()).toEqual([]);
  });

  it("registers the organization awaiting verification, with the registrant as its admin", async () => {
    const res = await founder.post("/orgs/new", COMPANY);
    expect(res.status).toBe(302);
    orgId = /^\/orgs\/([a-z0-9]+)$/.exec(res.headers.get("location") ?? "")![1];
    const org = await server.db.selectFrom("organizations").select(["tax_code", "verified", "rejected_at"]).where("id", "=", orgId).executeTakeFirstOrThrow();
    expect(org).toEqual({ tax_code: "2500123456", verified: 0, rejected_at: null });
    const members = await server.db.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id").select(["users.email", "memberships.role"]).where("org_id", "=", orgId).execute();
    expect(members).toEqual([{ email: "an@cokhi-vp.test.example", role: "admin" }]);
    expect(await (await staff.get("/admin/verification")).text()).toContain(COMPANY.name_vi);
  });

  it("refuses a code another organization already declared, also written with a branch dash", async () => {
    const other = await makeUser("other@test.example", true);
    const res = await other.post("/orgs/new", { ...COMPANY, name_vi: "Công ty khác", tax_code: "25001 23456" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Mã số này đã được một tổ chức trên cổng khai báo.");
    const branch = await other.post("/orgs/new", { ...COMPANY, name_vi: "Chi nhánh", tax_code: "2500123456-001" });
    expect(branch.status).toBe(302);
  });

  it("lets an unverified organization draft an MoU with Kami but not send it for signature until staff verify it", async () => {
    const draft = await founder.post("/mous/new", {
      title_vi: "Biên bản ghi nhớ về gia công chính xác",
      title_en: "Memorandum on precision machining",
      visibility: "private",
      lead: "0",
      "parties.0.org_id": orgId,
      "parties.1.org_id": "kami",
      "clauses.0.body_vi": "Hai bên hợp tác gia công chi tiết chính xác.",
    });
    expect(draft.status).toBe(302);
    const mouId = /^\/mous\/([a-z0-9]+)$/.exec(draft.headers.get("location") ?? "")![1];
    expect((await kami.post(`/mous/${mouId}/invitation`, { intent: "accept", org_id: "kami" })).status).toBe(302);
    const parties = await server.db.selectFrom("mou_parties").select(["id", "org_id"]).where("mou_id", "=", mouId).execute();
    const partyOf = (org: string) => parties.find((p) => p.org_id === org)!.id;
    expect((await founder.post(`/mous/${mouId}`, { intent: "add_signatory", party_id: partyOf(orgId), email: "an@cokhi-vp.test.example", name: "Nguyễn Văn An" })).status).toBe(302);
    expect((await kami.post(`/mous/${mouId}`, { intent: "add_signatory", party_id: partyOf("kami"), email: DEMO.signerKami, name: "Kami signer" })).status).toBe(302);

    const refused = await founder.post(`/mous/${mouId}`, { intent: "send", order: "parallel" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Tổ chức chủ trì chưa được NIC xác minh");
    expect((await server.db.selectFrom("mous").select("status").where("id", "=", mouId).executeTakeFirstOrThrow()).status).toBe("draft");

    expect((await staff.post("/admin/verification", { intent: "verify", org_id: orgId })).status).toBe(302);
    const mail = await latestEmail(server.db, "an@cokhi-vp.test.example", "org_verified");
    expect(mail!.subject).toBe(`${COMPANY.name_en} is verified`);

    expect((await founder.post(`/mous/${mouId}`, { intent: "send", order: "parallel" })).status).toBe(302);
    expect((await server.db.selectFrom("mous").select("status").where("id", "=", mouId).executeTakeFirstOrThrow()).status).toBe("awaiting_signatures");
  });

  it("refuses a registration with a reason, told to its admin in their language", async () => {
    const applicant = await makeUser("applicant@test.example", true, "vi");
    const res = await applicant.post("/orgs/new", { ...COMPANY, name_vi: "Công ty Ảo", tax_code: "0109999999" });
    const id = /^\/orgs\/([a-z0-9]+)$/.exec(res.headers.get("location") ?? "")![1];
    expect((await staff.post("/admin/verification", { intent: "reject", org_id: id })).status).toBe(400);
    expect((await staff.post("/admin/verification", { intent: "reject", org_id: id, reason: "Mã số không khớp với tên doanh nghiệp." })).status).toBe(302);
    const mail = await latestEmail(server.db, "applicant@test.example", "org_rejected");
    expect(mail!.text_body).toContain("Lý do: Mã số không khớp với tên doanh nghiệp.");
    expect(await (await staff.get("/admin/verification")).text()).not.toContain("Công ty Ảo");
    expect((await founder.post("/admin/verification", { intent: "verify", org_id: id })).status).toBe(403);
  });

  it("lets only the organization's own admins decide a join request", async () => {
    const colleague = await makeUser("binh@gmail.test.example", true);
    const res = await colleague.post(`/orgs/${orgId}/join`, {});
    expect(res.status).toBe(302);
    const request = await server.db.selectFrom("join_requests").select(["id", "status"]).where("org_id", "=", orgId).executeTakeFirstOrThrow();
    expect(request.status).toBe("pending");
    expect((await latestEmail(server.db, "an@cokhi-vp.test.example", "org_join_request"))!.subject).toContain("Request to join");

    for (const outsider of [kami, staff, colleague]) {
      expect((await outsider.post(`/orgs/${orgId}/requests`, { request_id: request.id, decision: "approve" })).status).toBe(403);
      expect((await outsider.get(`/orgs/${orgId}/requests`)).status).toBe(403);
    }
    // Kami's admin cannot decide another organization's request through their own page either.
    expect((await kami.post(`/orgs/kami/requests`, { request_id: request.id, decision: "approve" })).status).toBe(404);
    expect(await server.db.selectFrom("memberships").select("id").where("org_id", "=", orgId).where("user_id", "in", (eb) => eb.selectFrom("users").select("id").where("email", "=", "binh@gmail.test.example")).execute()).toEqual([]);

    expect((await founder.post(`/orgs/${orgId}/requests`, { request_id: request.id, decision: "approve" })).status).toBe(302);
    const joined = await server.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select("memberships.role")
      .where("org_id", "=", orgId)
      .where("users.email", "=", "binh@gmail.test.example")
      .executeTakeFirstOrThrow();
    expect(joined.role).toBe("member");
  });

  it("lets a confirmed address at the organization's domain in at once, only when its admins turn that on", async () => {
    const ask = await makeUser("chi@cokhi-vp.test.example", true);
    expect((await founder.post(`/orgs/${orgId}/requests`, { intent: "settings", email_domain: "cokhi-vp.test.example" })).status).toBe(302);
    await ask.post(`/orgs/${orgId}/join`, {});
    expect((await server.db.selectFrom("join_requests").innerJoin("users", "users.id", "join_requests.user_id").select("status").where("users.email", "=", "chi@cokhi-vp.test.example").executeTakeFirstOrThrow()).status).toBe("pending");

    expect((await founder.post(`/orgs/${orgId}/requests`, { intent: "settings", email_domain: "cokhi-vp.test.example", auto_join: "on" })).status).toBe(302);
    const auto = await makeUser("dung@cokhi-vp.test.example", true);
    const outside = await makeUser("dung@elsewhere.test.example", true);
    await auto.post(`/orgs/${orgId}/join`, {});
    await outside.post(`/orgs/${orgId}/join`, {});
    const members = await server.db.selectFrom("memberships").innerJoin("users", "users.id", "memberships.user_id").select("users.email").where("org_id", "=", orgId).execute();
    expect(members.map((m) => m.email)).toContain("dung@cokhi-vp.test.example");
    expect(members.map((m) => m.email)).not.toContain("dung@elsewhere.test.example");
  });

  it("shows a partner invited by email the draft only after its organization is named and accepts", async () => {
    const draft = await founder.post("/mous/new", {
      title_vi: "Biên bản ghi nhớ với đối tác mới",
      title_en: "Memorandum with a new partner",
      visibility: "private",
      lead: "0",
      "parties.0.org_id": orgId,
      "parties.1.org_id": "kami",
      "clauses.0.body_vi": "Điều khoản bí mật của bản thảo.",
    });
    const mouId = /^\/mous\/([a-z0-9]+)$/.exec(draft.headers.get("location") ?? "")![1];
    // Only the lead's people invite; Kami, a party that does not lead, cannot.
    expect((await kami.post(`/mous/${mouId}/invitation`, { intent: "accept", org_id: "kami" })).status).toBe(302);
    expect((await kami.post(`/mous/${mouId}`, { intent: "invite_partner", partner_email: "dai.dien@newco.test.example" })).status).toBe(403);
    expect((await founder.post(`/mous/${mouId}`, { intent: "invite_partner", partner_email: "not-an-address" })).status).toBe(400);
    expect((await founder.post(`/mous/${mouId}`, { intent: "invite_partner", partner_email: "Dai.Dien@newco.test.example" })).status).toBe(302);
    expect(await (await founder.get(`/mous/${mouId}`)).text()).toContain("Đang chờ đối tác trả lời: dai.dien@newco.test.example");
    expect(await (await kami.get(`/mous/${mouId}`)).text()).not.toContain("dai.dien@newco.test.example");
    const mail = await latestEmail(server.db, "dai.dien@newco.test.example", "mou_partner_invitation");
    expect(mail!.text_body).toContain(`/mous/${mouId}/invitation`);
    expect(mail!.text_body).not.toContain("Điều khoản bí mật");

    const partner = await makeUser("dai.dien@newco.test.example", true);
    const stranger = await makeUser("stranger@newco.test.example", true);
    expect((await stranger.get(`/mous/${mouId}/invitation`)).status).toBe(404);
    expect((await partner.get(`/mous/${mouId}`)).status).toBe(404);
    const page = await (await partner.get(`/mous/${mouId}/invitation`)).text();
    expect(page).toContain("/orgs/new");
    expect(page).not.toContain("Điều khoản bí mật");

    const registered = await partner.post("/orgs/new", { ...COMPANY, name_vi: "Công ty Đối tác Mới", name_en: "New Partner Co.", tax_code: "0301234567", contact_email: "dai.dien@newco.test.example" });
    const partnerOrg = /^\/orgs\/([a-z0-9]+)$/.exec(registered.headers.get("location") ?? "")![1];
    // An organization the invitee does not administer cannot be named.
    expect((await partner.post(`/mous/${mouId}/invitation`, { intent: "choose", org_id: "kami" })).status).toBe(404);
    expect((await partner.post(`/mous/${mouId}/invitation`, { intent: "choose", org_id: partnerOrg })).status).toBe(302);
    const party = await server.db.selectFrom("mou_parties").select("accepted_at").where("mou_id", "=", mouId).where("org_id", "=", partnerOrg).executeTakeFirstOrThrow();
    expect(party.accepted_at).toBeNull();
    expect((await partner.get(`/mous/${mouId}`)).status).toBe(404);

    expect((await partner.post(`/mous/${mouId}/invitation`, { intent: "accept", org_id: partnerOrg })).status).toBe(302);
    const opened = await partner.get(`/mous/${mouId}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("Điều khoản bí mật");
  });
});
