import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/lib/ids.server";
import { testDialect } from "../helpers/database";
import { Client, DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { waitUntil } from "../helpers/wait";

const SEALING_VI = "đang được niêm phong";

describe("sealing an agreement as a job", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ OUTBOX_RETRY_BASE_MS: "300" });
  });
  afterAll(async () => server?.stop());

  // The database refuses to store the agreement, as a full disk or a lost connection would.
  async function blockSealing() {
    if (testDialect() === "postgres") {
      await sql`CREATE FUNCTION block_seal() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'sealing blocked by the test'; END $$`.execute(server.db);
      await sql`CREATE TRIGGER block_seal BEFORE INSERT ON agreements FOR EACH ROW EXECUTE FUNCTION block_seal()`.execute(server.db);
    } else {
      await sql`CREATE TRIGGER block_seal BEFORE INSERT ON agreements BEGIN SELECT RAISE(ABORT, 'sealing blocked by the test'); END`.execute(server.db);
    }
  }
  async function unblockSealing() {
    if (testDialect() === "postgres") {
      await sql`DROP TRIGGER block_seal ON agreements`.execute(server.db);
      await sql`DROP FUNCTION block_seal()`.execute(server.db);
    } else {
      await sql`DROP TRIGGER block_seal`.execute(server.db);
    }
  }

  async function sign(email: string, name: string, mouId: string): Promise<{ res: Response; client: Client }> {
    const client = new Client(server.baseUrl);
    await client.signIn(email);
    expect((await client.post(`/mous/${mouId}/sign`, { intent: "code" })).status).toBe(302);
    const mail = await server.db.selectFrom("outbox").select("subject").where("to_address", "=", email).where("kind", "=", "mou_signing_code").orderBy("created_at", "desc").limit(1).executeTakeFirstOrThrow();
    const code = /(\d{6})/.exec(mail.subject)![1];
    return { res: await client.post(`/mous/${mouId}/sign`, { intent: "sign", code, method: "typed", typed_signature: name, consent: "on" }), client };
  }

  it("a failed seal is retried and does not fail the signer's request, whose page says it is being sealed", async () => {
    const mou = await server.db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0002").executeTakeFirstOrThrow();
    await blockSealing();
    const first = await sign(DEMO.signer3ds, "Nguyễn Hoàng Nam", mou.id);
    expect(first.res.headers.get("location")).toBe(`/mous/${mou.id}`);
    expect(await (await first.client.follow(first.res)).text()).toContain("Bạn đã ký. Cảm ơn!");
    const last = await sign(DEMO.signerKami, "Đỗ Thị Thu Trang", mou.id);
    expect(last.res.status).toBe(302);
    expect(last.res.headers.get("location")).toBe(`/mous/${mou.id}`);

    const signer = last.client;
    const page = await signer.follow(last.res);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Bạn đã ký. Tất cả các bên đã ký.");
    expect(html).toContain(SEALING_VI);

    // The seal job fails, and its error is there for staff while it waits for its next attempt.
    const failing = await waitUntil("a failed seal attempt", async () => {
      const job = await server.db.selectFrom("jobs").selectAll().where("kind", "=", "agreement.seal").executeTakeFirst();
      return job && Number(job.attempts) >= 2 && job;
    });
    expect(failing.status).not.toBe("done");
    expect(failing.last_error).toContain("sealing blocked by the test");
    expect(await server.db.selectFrom("agreements").select("id").where("mou_id", "=", mou.id).execute()).toHaveLength(0);
    expect(await (await signer.get(`/mous/${mou.id}`)).text()).toContain(SEALING_VI);
    const staff = new Client(server.baseUrl);
    await staff.signIn(DEMO.staff);
    const jobsPage = await (await staff.get("/admin/jobs")).text();
    expect(jobsPage).toContain("agreement.seal");
    expect(jobsPage).toContain("sealing blocked by the test");

    await unblockSealing();
    await waitUntil("the sealed agreement", () => server.db.selectFrom("agreements").select("id").where("mou_id", "=", mou.id).executeTakeFirst());
    const job = await server.db.selectFrom("jobs").selectAll().where("id", "=", failing.id).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: "done", last_error: null });
    const done = await (await signer.get(`/mous/${mou.id}`)).text();
    expect(done).not.toContain(SEALING_VI);
    expect(done).toContain("Tải PDF đã ký");
    const completed = await server.db.selectFrom("outbox").select("to_address").where("kind", "=", "mou_completed").execute();
    expect(completed.map((m) => m.to_address).sort()).toEqual([DEMO.signer3ds, DEMO.signerKami]);
  });

  it("shows jobs and lets staff retry a failed one; anyone else is refused", async () => {
    const mou = await server.db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0001").executeTakeFirstOrThrow();
    const id = newId();
    const at = new Date().toISOString();
    // A seal that ran out of attempts; its MoU is sealed by now, so the retry finishes at once.
    await server.db
      .insertInto("jobs")
      .values({ id, kind: "agreement.seal", payload: JSON.stringify({ mouId: mou.id }), status: "failed", attempts: 8, run_at: at, last_error: "certificate unreadable", created_at: at, finished_at: at })
      .execute();

    const visitor = new Client(server.baseUrl);
    const anonymous = await visitor.get("/admin/jobs");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    for (const email of [DEMO.signerKami, DEMO.organizer]) {
      const client = new Client(server.baseUrl);
      await client.signIn(email);
      expect((await client.get("/admin/jobs")).status).toBe(403);
      expect((await client.post("/admin/jobs", { id })).status).toBe(403);
    }
    expect((await server.db.selectFrom("jobs").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("failed");

    const staff = new Client(server.baseUrl);
    await staff.signIn(DEMO.staff);
    const failed = await staff.get("/admin/jobs?status=failed&page=1");
    expect(failed.status).toBe(200);
    const html = await failed.text();
    expect(html).toContain("certificate unreadable");
    expect(html).toContain("Chạy lại");
    const english = new Client(server.baseUrl);
    await english.signIn(DEMO.staff);
    await english.post("/language", { locale: "en", redirectTo: "/admin/jobs" });
    const inEnglish = await (await english.get("/admin/jobs?status=failed")).text();
    expect(inEnglish).toContain("Background jobs");
    expect(inEnglish).toContain("Retry");

    const retried = await staff.post("/admin/jobs", { id });
    expect(retried.status).toBe(200);
    expect(await retried.text()).toContain("Tác vụ đã được đưa lại vào hàng đợi.");
    await waitUntil("the retried job to finish", async () => (await server.db.selectFrom("jobs").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status === "done");
    const again = await staff.post("/admin/jobs", { id });
    expect(again.status).toBe(409);
    const audit = await server.db.selectFrom("audit_log").select("actor_label").where("action", "=", "job.retried").where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.actor_label)).toEqual([DEMO.staff]);
  });
});
