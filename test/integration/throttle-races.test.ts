import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTP_DAILY_MAX, OTP_MAX_ATTEMPTS } from "~/mous/signing.server";
import { Client, DEMO } from "../helpers/http";
import { testDialect } from "../helpers/database";
import { startTestServer, type TestServer } from "../helpers/server";

// Addresses given in X-Forwarded-For stand for different clients: the test server trusts one hop.
const from = (ip: string) => ({ "X-Forwarded-For": ip });

describe(`counters under racing requests, over HTTP (${testDialect()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: "1" });
  });
  afterAll(async () => server?.stop());

  async function demoSigning() {
    const mou = await server.db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0002").executeTakeFirstOrThrow();
    const signatory = await server.db.selectFrom("signatories").select("id").where("mou_id", "=", mou.id).where("email", "=", DEMO.signer3ds).executeTakeFirstOrThrow();
    const client = new Client(server.baseUrl);
    await client.signIn(DEMO.signer3ds);
    return { mouId: mou.id, signatoryId: signatory.id, client };
  }

  async function codesSent() {
    const rows = await server.db.selectFrom("outbox").select("subject").where("to_address", "=", DEMO.signer3ds).where("kind", "=", "mou_signing_code").orderBy("created_at", "desc").execute();
    return rows.map((r) => /(\d{6})/.exec(r.subject)![1]);
  }

  const signForm = (code: string) => ({ intent: "sign", code, method: "typed", typed_signature: "Nguyễn Hoàng Nam", consent: "on" });

  it("sends one signing code for ten requests at once, checks at most five of 200 wrong codes at once, and records each wrong one", async () => {
    const { mouId, signatoryId, client } = await demoSigning();
    const asked = await Promise.all(Array.from({ length: 10 }, () => client.post(`/mous/${mouId}/sign`, { intent: "code" })));
    expect(asked.filter((r) => r.status === 302)).toHaveLength(1);
    expect(asked.filter((r) => r.status === 409)).toHaveLength(9);
    const codes = await codesSent();
    expect(codes).toHaveLength(1);
    const wrong = codes[0] === "000000" ? "111111" : "000000";

    const answers = await Promise.all(Array.from({ length: 200 }, () => client.post(`/mous/${mouId}/sign`, signForm(wrong))));
    const texts = await Promise.all(answers.map((r) => r.text()));
    expect(answers.every((r) => r.status === 400)).toBe(true);
    expect(texts.filter((t) => t.includes("Mã không đúng."))).toHaveLength(OTP_MAX_ATTEMPTS);
    expect(texts.filter((t) => t.includes("Nhập sai quá nhiều lần."))).toHaveLength(200 - OTP_MAX_ATTEMPTS);
    const row = await server.db.selectFrom("signatories").select(["otp_attempts", "status"]).where("id", "=", signatoryId).executeTakeFirstOrThrow();
    expect(Number(row.otp_attempts)).toBe(OTP_MAX_ATTEMPTS);
    const audit = await server.db.selectFrom("audit_log").select(["after", "ip"]).where("action", "=", "mou.signing_code_wrong").where("entity_id", "=", mouId).execute();
    expect(audit).toHaveLength(OTP_MAX_ATTEMPTS);
    expect(JSON.parse(audit[0].after!)).toEqual({ signatory: signatoryId });

    // Even the right code is refused now: the five guesses are spent.
    const right = await client.post(`/mous/${mouId}/sign`, signForm(codes[0]));
    expect(await right.text()).toContain("Nhập sai quá nhiều lần.");
    expect(row.status).toBe("pending");
  });

  it("caps codes sent and wrong guesses per signatory per day, however often a new code is asked for", async () => {
    const { mouId, signatoryId, client } = await demoSigning();
    let refused: Response | null = null;
    for (let i = 0; i < OTP_DAILY_MAX + 5 && !refused; i++) {
      // As if the thirty seconds between codes had passed.
      await server.db.updateTable("signatories").set({ otp_expires_at: null }).where("id", "=", signatoryId).execute();
      const res = await client.post(`/mous/${mouId}/sign`, { intent: "code" });
      if (res.status !== 302) refused = res;
      else {
        const [code] = await codesSent();
        const guesses = await Promise.all(Array.from({ length: 3 }, () => client.post(`/mous/${mouId}/sign`, signForm(code === "000000" ? "111111" : "000000"))));
        for (const g of guesses) expect(g.status === 400 || g.status === 429).toBe(true);
      }
    }
    expect(refused?.status).toBe(429);
    expect(await refused!.text()).toContain("Hôm nay đã gửi mã và nhập sai mã quá số lần cho phép.");
    const row = await server.db.selectFrom("signatories").select(["otp_day_count"]).where("id", "=", signatoryId).executeTakeFirstOrThrow();
    expect(Number(row.otp_day_count)).toBe(OTP_DAILY_MAX);
    const wrong = await server.db.selectFrom("audit_log").select("id").where("action", "=", "mou.signing_code_wrong").where("entity_id", "=", mouId).execute();
    expect((await codesSent()).length + wrong.length).toBe(OTP_DAILY_MAX);

    // The last code sent, still valid: the day's cap refuses even the right one.
    await server.db.updateTable("signatories").set({ otp_expires_at: new Date(Date.now() + 60_000).toISOString() }).where("id", "=", signatoryId).execute();
    const [code] = await codesSent();
    const guess = await client.post(`/mous/${mouId}/sign`, signForm(code));
    expect(guess.status).toBe(429);
    expect(await guess.text()).toContain("Hôm nay đã gửi mã và nhập sai mã quá số lần cho phép.");
  });

  it("checks at most five of twenty wrong passwords sent at once, and lets the owner in from their own address", async () => {
    const email = DEMO.signerKami;
    const attacker = new Client(server.baseUrl);
    const answers = await Promise.all(Array.from({ length: 20 }, () => attacker.post("/login", { email, password: "wrong-password" }, from("203.0.113.9"))));
    expect(answers.filter((r) => r.status === 400)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(15);
    expect(Number(answers.find((r) => r.status === 429)!.headers.get("retry-after"))).toBeGreaterThan(0);
    const audit = await server.db.selectFrom("audit_log").select(["action", "ip"]).where("actor_label", "=", email).execute();
    expect(audit.filter((a) => a.action === "auth.login_failed")).toHaveLength(5);
    expect(audit.filter((a) => a.action === "auth.login_throttled" && a.ip === "203.0.113.9")).toHaveLength(15);

    expect((await attacker.post("/login", { email, password: "vinhphuc-demo" }, from("203.0.113.9"))).status).toBe(429);
    const owner = await new Client(server.baseUrl).post("/login", { email, password: "vinhphuc-demo" }, from("198.51.100.44"));
    expect(owner.status).toBe(302);
  });

  it("throttles the current password on the account page like sign-in, even when twenty guesses arrive at once", async () => {
    const client = new Client(server.baseUrl);
    await client.post("/login", { email: DEMO.organizer, password: "vinhphuc-demo" }, from("192.0.2.77"));
    const change = (current: string) =>
      client.post("/account", { intent: "password", current, password: "mat-khau-moi-rat-dai", confirm: "mat-khau-moi-rat-dai" }, from("192.0.2.77"));
    const answers = await Promise.all(Array.from({ length: 20 }, () => change("wrong-password")));
    expect(answers.filter((r) => r.status === 400)).toHaveLength(5);
    const throttled = answers.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(15);
    expect(await throttled[0].text()).toContain("Đã nhập sai mật khẩu hiện tại quá nhiều lần.");
    expect((await change("vinhphuc-demo")).status).toBe(429);
    const audit = await server.db.selectFrom("audit_log").select("action").where("actor_label", "=", DEMO.organizer).execute();
    expect(audit.filter((a) => a.action === "auth.password_change_failed")).toHaveLength(5);
    expect(audit.filter((a) => a.action === "auth.password_change_throttled")).toHaveLength(16);
  });
});
