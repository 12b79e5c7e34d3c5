import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountAtAddressKey } from "~/auth/throttle.server";
import { sha256Hex } from "~/lib/ids.server";
import { Client, DEMO } from "../helpers/http";
import { latestEmail, linkPath } from "../helpers/mail-links";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "mot-cum-tu-de-nho";
const NEW_PASSWORD = "mat-khau-moi-rat-dai";

describe("accounts: sign-up, confirmation, passwords, sessions and throttling", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  const signUp = (client: Client, email: string, locale = "en") =>
    client.post("/signup", { name: "Trần Thị Mai", email, password: PASSWORD, locale });

  it("signs up, mails a confirmation link in the chosen language, confirms once, then signs in", async () => {
    const visitor = new Client(server.baseUrl);
    const res = await signUp(visitor, "Mai.Tran@Example.VN");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/signup?sent=1");

    const mail = await latestEmail(server.db, "mai.tran@example.vn", "verify_email");
    expect(mail?.locale).toBe("en");
    expect(mail?.subject).toBe("Confirm your email address");
    expect(mail?.html_body).toContain("Dear Trần Thị Mai,");
    const path = linkPath(mail!.text_body, "/verify-email/");
    const token = path.split("/").pop()!;
    // Only the hash of the token is kept.
    const stored = await server.db.selectFrom("auth_tokens").select("token_hash").where("kind", "=", "verify_email").execute();
    expect(stored.map((r) => r.token_hash)).toContain(sha256Hex(token));
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    const early = await visitor.post("/login", { email: "mai.tran@example.vn", password: PASSWORD });
    expect(early.status).toBe(403);
    expect(await early.text()).toContain("Bạn cần xác nhận địa chỉ email trước khi đăng nhập.");

    expect((await visitor.get(path)).status).toBe(200);
    const confirmed = await visitor.post(path, {});
    expect(confirmed.headers.get("location")).toBe("/login");
    expect(await (await visitor.follow(confirmed)).text()).toContain("Địa chỉ email đã được xác nhận");
    expect((await visitor.post(path, {})).status).toBe(404);

    const signedIn = await visitor.post("/login", { email: "mai.tran@example.vn", password: PASSWORD });
    expect(signedIn.headers.get("location")).toBe("/mous");
    expect((await visitor.get("/account")).status).toBe(200);
  });

  it("answers a sign-up for a registered address exactly as for a new one, and tells the owner by email", async () => {
    const res = await signUp(new Client(server.baseUrl), DEMO.signer3ds);
    expect(res.headers.get("location")).toBe("/signup?sent=1");
    const mail = await latestEmail(server.db, DEMO.signer3ds);
    expect(mail?.kind).toBe("account_exists");
    expect(mail?.locale).toBe("vi");
  });

  it("returns bad sign-up input to the form with messages next to the fields and the other values kept", async () => {
    const res = await new Client(server.baseUrl).post("/signup", {
      name: "Lê Văn Hùng",
      email: "not-an-email",
      password: "short",
      locale: "xx",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="field-email-error"');
    expect(html).toContain('aria-describedby="field-password-hint field-password-error"');
    expect(html).toContain("Quá ngắn (tối thiểu 10 ký tự).");
    expect(html).toContain('value="Lê Văn Hùng"');
    const count = await server.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("name", "=", "Lê Văn Hùng")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("answers a reset request the same for known and unknown addresses; the link works once and ends every session", async () => {
    const email = "mai.tran@example.vn";
    const phone = new Client(server.baseUrl);
    await phone.signIn(email, PASSWORD);
    const anonymous = new Client(server.baseUrl);
    const known = await anonymous.post("/forgot-password", { email });
    const unknown = await anonymous.post("/forgot-password", { email: "nobody@example.vn" });
    expect(known.status).toBe(302);
    expect(unknown.status).toBe(302);
    expect(known.headers.get("location")).toBe(unknown.headers.get("location"));
    expect(await latestEmail(server.db, "nobody@example.vn")).toBeUndefined();

    const mail = await latestEmail(server.db, email, "reset_password");
    const path = linkPath(mail!.text_body, "/reset-password/");
    expect((await anonymous.get(path)).status).toBe(200);
    const mismatch = await anonymous.post(path, { password: NEW_PASSWORD, confirm: "something-else" });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("Hai mật khẩu không giống nhau.");

    const done = await anonymous.post(path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.headers.get("location")).toBe("/login");
    expect(await (await anonymous.follow(done)).text()).toContain("Mật khẩu mới đã được lưu. Mời bạn đăng nhập.");
    expect((await phone.get("/account")).headers.get("location")).toMatch(/^\/login/);
    expect((await anonymous.post(path, { password: PASSWORD, confirm: PASSWORD })).status).toBe(404);
    expect((await new Client(server.baseUrl).post("/login", { email, password: PASSWORD })).status).toBe(400);
    await new Client(server.baseUrl).signIn(email, NEW_PASSWORD);
  });

  it("refuses a reset link older than an hour", async () => {
    await new Client(server.baseUrl).post("/forgot-password", { email: DEMO.signer3ds });
    const mail = await latestEmail(server.db, DEMO.signer3ds, "reset_password");
    const path = linkPath(mail!.text_body, "/reset-password/");
    await server.db
      .updateTable("auth_tokens")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("token_hash", "=", sha256Hex(path.split("/").pop()!))
      .execute();
    expect((await new Client(server.baseUrl).get(path)).status).toBe(404);
  });

  it("changing the password keeps this session and ends the others", async () => {
    const email = "mai.tran@example.vn";
    const laptop = new Client(server.baseUrl);
    const phone = new Client(server.baseUrl);
    await laptop.signIn(email, NEW_PASSWORD);
    await phone.signIn(email, NEW_PASSWORD);
    const wrong = await laptop.post("/account", { intent: "password", current: "not-my-password", password: PASSWORD, confirm: PASSWORD });
    expect(wrong.status).toBe(400);
    const changed = await laptop.post("/account", { intent: "password", current: NEW_PASSWORD, password: PASSWORD, confirm: PASSWORD });
    expect(changed.headers.get("location")).toBe("/account");
    const account = await laptop.follow(changed);
    expect(account.status).toBe(200);
    expect(await account.text()).toContain("Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.");
    expect((await phone.get("/account")).headers.get("location")).toMatch(/^\/login/);
  });

  it("saves the profile with the preferred language, which the pages then follow", async () => {
    const client = new Client(server.baseUrl);
    await client.signIn("mai.tran@example.vn", PASSWORD);
    const res = await client.post("/account", {
      intent: "profile",
      name: "Trần Thị Mai",
      phone: "0912 345 678",
      position: "Kỹ sư",
      locale: "vi",
    });
    expect(res.status).toBe(302);
    expect(client.cookie("lang")).toBe("vi");
    const user = await server.db
      .selectFrom("users")
      .select(["phone", "position", "locale"])
      .where("email", "=", "mai.tran@example.vn")
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ phone: "0912 345 678", position: "Kỹ sư", locale: "vi" });
    expect((await client.post("/account", { intent: "profile", name: "", locale: "vi" })).status).toBe(400);
  });

  it("signing out ends the session on the server: the old cookie no longer works", async () => {
    const client = new Client(server.baseUrl);
    await client.signIn(DEMO.signerKami);
    const cookie = `portal_session=${client.cookie("portal_session")}`;
    expect((await fetch(`${server.baseUrl}/account`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
    expect((await client.post("/logout", {})).status).toBe(302);
    const replay = await fetch(`${server.baseUrl}/account`, { headers: { cookie }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/login/);
  });

  it("sends the four demo users where their role works", async () => {
    const homes: Record<string, string> = {
      [DEMO.staff]: "/dashboard",
      [DEMO.organizer]: "/manage/events",
      [DEMO.signer3ds]: "/mous",
      [DEMO.signerKami]: "/mous",
    };
    for (const [email, home] of Object.entries(homes)) {
      const res = await new Client(server.baseUrl).signIn(email);
      expect(res.headers.get("location"), email).toBe(home);
    }
  });

  it("lets staff grant a role, disable an account (its sessions end at once) and enable it again, never themselves", async () => {
    const staff = new Client(server.baseUrl);
    await staff.signIn(DEMO.staff);
    const target = await server.db.selectFrom("users").select("id").where("email", "=", "mai.tran@example.vn").executeTakeFirstOrThrow();
    const change = (change: string, userId = target.id) => staff.post("/admin/users", { userId, change, q: "" });

    expect((await change("grantOrganizer")).status).toBe(302);
    const user = new Client(server.baseUrl);
    expect((await user.signIn("mai.tran@example.vn", PASSWORD)).headers.get("location")).toBe("/manage/events");
    expect((await change("disable")).status).toBe(302);
    expect((await user.get("/account")).headers.get("location")).toMatch(/^\/login/);
    expect((await new Client(server.baseUrl).post("/login", { email: "mai.tran@example.vn", password: PASSWORD })).status).toBe(400);
    await change("enable");
    await change("revokeOrganizer");
    expect((await new Client(server.baseUrl).signIn("mai.tran@example.vn", PASSWORD)).headers.get("location")).toBe("/mous");

    const me = await server.db.selectFrom("users").select("id").where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
    expect((await change("revokeStaff", me.id)).status).toBe(400);
    expect((await change("disable", me.id)).status).toBe(400);
    const audit = await server.db.selectFrom("audit_log").select("action").where("entity_id", "=", target.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["user.roles_changed", "user.disabled", "user.enabled"]));
  });

  it("throttles an email after five failures with 429 in the user's language, even with the right password", async () => {
    const email = DEMO.organizer;
    const client = new Client(server.baseUrl);
    const fail = () => client.post("/login", { email, password: "wrong-password" }, { Cookie: "lang=en" });
    // A success clears the email's counter: four failures, a success, four more still leave it open.
    for (let i = 0; i < 4; i++) expect((await fail()).status).toBe(400);
    await new Client(server.baseUrl).signIn(email);
    for (let i = 0; i < 4; i++) expect((await fail()).status).toBe(400);
    expect((await fail()).status).toBe(400);
    const refused = await client.post("/login", { email, password: "vinhphuc-demo" }, { Cookie: "lang=en" });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Too many failed sign-in attempts");
    const audit = await server.db.selectFrom("audit_log").select("action").where("actor_label", "=", email).execute();
    expect(audit.filter((a) => a.action === "auth.login_failed")).toHaveLength(9);
    expect(audit.some((a) => a.action === "auth.login")).toBe(true);
  });

  it("keeps the counters in the database, so failures another process recorded count here too", async () => {
    const email = DEMO.signer3ds;
    // The address this test client arrives from, as the server saw it.
    await new Client(server.baseUrl).signIn(DEMO.staff);
    const { ip } = await server.db.selectFrom("audit_log").select("ip").where("action", "=", "auth.login").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    const now = Date.now();
    await server.db
      .insertInto("throttle_counters")
      .values({ key: accountAtAddressKey(email, ip!), count: 5, blocked_until: new Date(now + 60_000).toISOString(), updated_at: new Date(now).toISOString() })
      .execute();
    expect((await new Client(server.baseUrl).post("/login", { email, password: "vinhphuc-demo" })).status).toBe(429);
  });

  it("throttles one client address after twenty failures, whatever the emails", async () => {
    const client = new Client(server.baseUrl);
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++) {
      last = (await client.post("/login", { email: `guess${i}@example.vn`, password: "wrong-password" })).status;
    }
    expect(last).toBe(429);
    expect((await client.post("/login", { email: "someone-new@example.vn", password: "x" })).status).toBe(429);
  });
});
