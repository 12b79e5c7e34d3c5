import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/http";
import { latestEmail, linkPath } from "../helpers/mail-links";
import { startTestServer, type TestServer } from "../helpers/server";

const PNG_1PX = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

const KAMI_FIELDS = {
  name_vi: "CTCP Công nghệ Chế tạo Kami",
  name_en: "Kami Manufacturing Technology JSC",
  short_name: "Kami",
  kind: "enterprise",
  country: "Việt Nam",
  province: "Vĩnh Phúc",
  sector: "Cơ khí chính xác",
  website: "https://kami.example.vn",
  description_vi: "Doanh nghiệp công nghệ cao.",
  description_en: "A high-tech manufacturer.",
};

describe("organizations: profile, logo, members and invitations", () => {
  let server: TestServer;
  let kamiAdmin: Client;
  let staff: Client;
  beforeAll(async () => {
    server = await startTestServer();
    kamiAdmin = new Client(server.baseUrl);
    await kamiAdmin.signIn(DEMO.signerKami);
    staff = new Client(server.baseUrl);
    await staff.signIn(DEMO.staff);
  });
  afterAll(async () => server?.stop());

  const members = (org: string) =>
    server.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["memberships.id", "users.email", "memberships.role"])
      .where("org_id", "=", org)
      .execute();

  function logoForm(file: Blob, filename: string) {
    const form = new FormData();
    for (const [k, v] of Object.entries(KAMI_FIELDS)) form.append(k, v);
    form.append("logo", file, filename);
    return form;
  }

  it("shows the public profile with its events and public signed MoUs", async () => {
    const html = await (await new Client(server.baseUrl).get("/orgs/kami")).text();
    expect(html).toContain("CTCP Công nghệ Chế tạo Kami");
    expect(html).toContain("Xây dựng kinh tế số địa phương");
    expect(html).toMatch(/MOU-\d{4}-0001/);
    expect(html).not.toMatch(/MOU-\d{4}-0002/);
  });

  it("lets the org admin edit the profile and upload a logo served as an image", async () => {
    const res = await kamiAdmin.post("/orgs/kami/edit", logoForm(new Blob([PNG_1PX], { type: "image/png" }), "kami.png"));
    expect(res.headers.get("location")).toBe("/orgs/kami");
    const org = await server.db
      .selectFrom("organizations")
      .select(["logo_file_id", "sector", "website"])
      .where("id", "=", "kami")
      .executeTakeFirstOrThrow();
    expect(org.sector).toBe("Cơ khí chính xác");
    const file = await fetch(`${server.baseUrl}/files/${org.logo_file_id}`);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG_1PX)).toBe(true);
  });

  it("refuses a logo that is not an image, or too large, with a message next to the field", async () => {
    const fake = await kamiAdmin.post("/orgs/kami/edit", logoForm(new Blob(["<svg onload=alert(1)>"], { type: "image/png" }), "logo.png"));
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain("Tệp này không phải ảnh PNG, JPEG, WebP hoặc GIF.");
    const big = Buffer.concat([PNG_1PX, Buffer.alloc(1024 * 1024 + 10)]);
    const huge = await kamiAdmin.post("/orgs/kami/edit", logoForm(new Blob([big], { type: "image/png" }), "big.png"));
    expect(huge.status).toBe(400);
    expect(await huge.text()).toContain("Ảnh quá lớn (tối đa 1 MB).");
    const badSite = await kamiAdmin.post("/orgs/kami/edit", { ...KAMI_FIELDS, website: "javascript:alert(1)" });
    expect(badSite.status).toBe(400);
  });

  it("answers a multipart body with a broken boundary as bad input, not a crash", async () => {
    const body = '--XYZ\r\nContent-Disposition: form-data; name="name_vi"\r\n\r\nKami\r\n--XY';
    const res = await kamiAdmin.request("/orgs/kami/edit", { method: "POST", body, headers: { "Content-Type": "multipart/form-data; boundary=XYZ" } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Không đọc được biểu mẫu đã gửi");
    const org = await server.db.selectFrom("organizations").select("name_vi").where("id", "=", "kami").executeTakeFirstOrThrow();
    expect(org.name_vi).toBe(KAMI_FIELDS.name_vi);
  });

  it("invites a colleague by email; only the invited address can accept, and only once", async () => {
    const invite = await kamiAdmin.post("/orgs/kami/members", { intent: "invite", email: DEMO.signer3ds, role: "member" });
    expect(invite.status).toBe(302);
    const mail = await latestEmail(server.db, DEMO.signer3ds, "invitation");
    expect(mail?.subject).toBe("Lời mời tham gia CTCP Công nghệ Chế tạo Kami");
    const path = linkPath(mail!.text_body, "/invitations/");

    const stranger = new Client(server.baseUrl);
    await stranger.signIn(DEMO.organizer);
    expect((await stranger.post(path, {})).status).toBe(403);

    const invitee = new Client(server.baseUrl);
    await invitee.signIn(DEMO.signer3ds);
    expect((await invitee.get(path)).status).toBe(200);
    expect((await invitee.post(path, {})).headers.get("location")).toBe("/orgs/kami");
    expect((await invitee.post(path, {})).status).toBe(404);
    // A user may belong to several organizations.
    const orgs = await server.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select("org_id")
      .where("users.email", "=", DEMO.signer3ds)
      .execute();
    expect(orgs.map((o) => o.org_id).sort()).toEqual(["dassault-systemes", "kami"]);
  });

  it("says so when the invited person is already a member", async () => {
    const res = await kamiAdmin.post("/orgs/kami/members", { intent: "invite", email: DEMO.signer3ds, role: "admin" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Người này đã là thành viên của tổ chức.");
  });

  it("makes a revoked or expired invitation link invalid", async () => {
    await kamiAdmin.post("/orgs/kami/members", { intent: "invite", email: "late@example.vn", role: "member" });
    const first = linkPath((await latestEmail(server.db, "late@example.vn", "invitation"))!.text_body, "/invitations/");
    const invitation = await server.db
      .selectFrom("invitations")
      .select("id")
      .where("email", "=", "late@example.vn")
      .where("revoked_at", "is", null)
      .executeTakeFirstOrThrow();
    await kamiAdmin.post("/orgs/kami/members", { intent: "revoke", invitationId: invitation.id });
    expect((await new Client(server.baseUrl).get(first)).status).toBe(404);

    await kamiAdmin.post("/orgs/kami/members", { intent: "invite", email: "late@example.vn", role: "member" });
    const second = linkPath((await latestEmail(server.db, "late@example.vn", "invitation"))!.text_body, "/invitations/");
    expect((await new Client(server.baseUrl).get(second)).status).toBe(200);
    await server.db
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("email", "=", "late@example.vn")
      .execute();
    expect((await new Client(server.baseUrl).get(second)).status).toBe(404);
  });

  it("changes roles and removes members, but never the last admin", async () => {
    const rows = await members("kami");
    const admin = rows.find((m) => m.email === DEMO.signerKami)!;
    const colleague = rows.find((m) => m.email === DEMO.signer3ds)!;
    const demote = await kamiAdmin.post("/orgs/kami/members", { intent: "role", membershipId: admin.id, role: "member" });
    expect(demote.status).toBe(409);
    expect(await demote.text()).toContain("quản trị viên cuối cùng");
    expect((await kamiAdmin.post("/orgs/kami/members", { intent: "remove", membershipId: admin.id })).status).toBe(409);

    expect((await kamiAdmin.post("/orgs/kami/members", { intent: "role", membershipId: colleague.id, role: "admin" })).status).toBe(302);
    // With a second admin, the first may step down.
    const stepDown = await kamiAdmin.post("/orgs/kami/members", { intent: "role", membershipId: admin.id, role: "member" });
    expect(stepDown.headers.get("location")).toBe("/orgs/kami");
    expect((await kamiAdmin.get("/orgs/kami/members")).status).toBe(403);
    const threeDs = new Client(server.baseUrl);
    await threeDs.signIn(DEMO.signer3ds);
    expect((await threeDs.post("/orgs/kami/members", { intent: "role", membershipId: admin.id, role: "admin" })).status).toBe(302);
    expect((await threeDs.post("/orgs/kami/members", { intent: "remove", membershipId: colleague.id })).status).toBe(302);
    expect((await members("kami")).map((m) => [m.email, m.role])).toEqual([[DEMO.signerKami, "admin"]]);
    const actions = await server.db.selectFrom("audit_log").select("action").where("entity_id", "=", "kami").execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["org.invitation_sent", "org.invitation_accepted", "org.member_role_changed", "org.member_removed"])
    );
  });

  it("lets staff verify and unverify an organization", async () => {
    expect((await staff.post("/orgs/binh-xuyen-electronics", { intent: "verify" })).status).toBe(302);
    let org = await server.db
      .selectFrom("organizations")
      .select(["verified", "verified_by"])
      .where("id", "=", "binh-xuyen-electronics")
      .executeTakeFirstOrThrow();
    expect(Number(org.verified)).toBe(1);
    expect(org.verified_by).not.toBeNull();
    expect((await staff.post("/orgs/binh-xuyen-electronics", { intent: "unverify" })).status).toBe(302);
    org = await server.db
      .selectFrom("organizations")
      .select(["verified", "verified_by"])
      .where("id", "=", "binh-xuyen-electronics")
      .executeTakeFirstOrThrow();
    expect(Number(org.verified)).toBe(0);
  });

  it("lets staff create an organization and invite its first admin in one step", async () => {
    const res = await staff.post("/admin/orgs", {
      ...KAMI_FIELDS,
      name_vi: "Công ty TNHH Cơ điện tử Tam Dương",
      name_en: "Tam Duong Mechatronics Co., Ltd.",
      short_name: "",
      website: "",
      admin_email: "giamdoc@tamduong.example.vn",
    });
    expect(res.status).toBe(302);
    const org = await server.db
      .selectFrom("organizations")
      .select("id")
      .where("name_en", "=", "Tam Duong Mechatronics Co., Ltd.")
      .executeTakeFirstOrThrow();
    expect(res.headers.get("location")).toBe(`/orgs/${org.id}/members`);
    expect(await (await staff.follow(res)).text()).toContain("Đã gửi lời mời đến giamdoc@tamduong.example.vn.");
    const invitation = await server.db
      .selectFrom("invitations")
      .select(["role", "org_id"])
      .where("email", "=", "giamdoc@tamduong.example.vn")
      .executeTakeFirstOrThrow();
    expect(invitation).toEqual({ role: "admin", org_id: org.id });
    const invalid = await staff.post("/admin/orgs", { ...KAMI_FIELDS, name_vi: "", admin_email: "not-an-email" });
    expect(invalid.status).toBe(400);
  });
});
