import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueEmail } from "~/mail/outbox.server";
import { renderEmail } from "~/mail/layout.server";
import { startTestServer, type TestServer } from "../helpers/server";
import { TestSmtpServer } from "../helpers/smtp";
import { waitUntil } from "../helpers/wait";

describe("mail through the outbox to a real SMTP server", () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    server = await startTestServer((baseUrl) => ({ SMTP_URL: smtp.url, OUTBOX_RETRY_BASE_MS: "200", DEMO_DATA: "off", PUBLIC_URL: baseUrl }));
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  async function queue(n: number, prefix: string) {
    for (let i = 0; i < n; i++) {
      const body = renderEmail({ locale: "vi", heading: `Thư thử ${i}`, paragraphs: ["Xin chào Vĩnh Phúc"] });
      await server.db.transaction().execute((trx) => enqueueEmail(trx, { kind: "test", to: `nguoi${i}@example.vn`, locale: "vi", subject: `${prefix} ${i}`, ...body }));
    }
  }

  it("delivers queued mail with an HTML and a plain-text part, Vietnamese letters intact", async () => {
    await queue(1, "Chào mừng");
    const mail = await smtp.waitFor((m) => m.subject === "Chào mừng 0");
    expect(mail.text).toContain("Xin chào Vĩnh Phúc");
    expect(mail.html).toContain("Xin chào Vĩnh Phúc");
    // The worker records the delivery once the SMTP server has answered, a moment after the mail arrives.
    const row = await waitUntil("the delivery recorded", async () => {
      const r = await server.db.selectFrom("outbox").select(["status", "sent_at"]).where("subject", "=", "Chào mừng 0").executeTakeFirstOrThrow();
      return r.status === "sent" ? r : null;
    });
    expect(row.sent_at).toBeTruthy();
  });

  it("keeps mail while the SMTP server is down and sends each message exactly once when it is back", async () => {
    await smtp.stop();
    await queue(5, "Khi máy chủ thư ngừng");
    await new Promise((r) => setTimeout(r, 1500));
    const waiting = await server.db.selectFrom("outbox").select(["status", "attempts", "last_error"]).where("subject", "like", "Khi máy chủ thư ngừng%").execute();
    expect(waiting).toHaveLength(5);
    expect(waiting.every((r) => r.status !== "sent")).toBe(true);
    expect(waiting.some((r) => Number(r.attempts) >= 1 && r.last_error)).toBe(true);

    await smtp.listen();
    for (let i = 0; i < 5; i++) await smtp.waitFor((m) => m.subject === `Khi máy chủ thư ngừng ${i}`, 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    const subjects = smtp.messages.map((m) => m.subject).filter((s) => s?.startsWith("Khi máy chủ thư ngừng"));
    expect(subjects.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Khi máy chủ thư ngừng ${i}`));
    await waitUntil("every delivery recorded", async () => {
      const rows = await server.db.selectFrom("outbox").select("status").where("subject", "like", "Khi máy chủ thư ngừng%").execute();
      return rows.length === 5 && rows.every((r) => r.status === "sent");
    });
  });
});
