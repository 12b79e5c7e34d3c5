import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const SAVED = { vi: "Đã lưu hồ sơ.", en: "Profile saved." } as const;

describe("a flash message after a redirect", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  async function saveProfile(client: Client, locale: "vi" | "en"): Promise<Response> {
    const res = await client.post("/account", { intent: "profile", name: "Đỗ Thị Thu Trang", phone: "", position: "", locale });
    expect(res.status).toBe(302);
    return res;
  }

  for (const locale of ["vi", "en"] as const) {
    it(`is shown once in the reader's language (${locale}) and gone on reload`, async () => {
      const client = new Client(server.baseUrl);
      await client.signIn(DEMO.signerKami);
      const res = await saveProfile(client, locale);
      // The confirmation rides in a cookie, not in the address a reader might bookmark or share.
      expect(res.headers.get("location")).toBe("/account");
      expect(client.cookie("portal_flash")).toBeTruthy();

      const shown = await client.follow(res);
      expect(shown.status).toBe(200);
      const html = await shown.text();
      expect(html).toContain(SAVED[locale]);
      expect(html).not.toContain(SAVED[locale === "vi" ? "en" : "vi"]);
      expect(client.cookie("portal_flash")).toBeUndefined();

      expect(await (await client.get("/account")).text()).not.toContain(SAVED[locale]);
    });
  }

  it("belongs to the browser it was set in: another session of the same user does not see it", async () => {
    const laptop = new Client(server.baseUrl);
    const phone = new Client(server.baseUrl);
    await laptop.signIn(DEMO.signerKami);
    await phone.signIn(DEMO.signerKami);
    await saveProfile(laptop, "vi");
    expect(await (await phone.get("/account")).text()).not.toContain(SAVED.vi);
  });

  it("ignores a flash cookie the portal did not sign", async () => {
    const forged = Buffer.from(JSON.stringify({ key: "account.saved" })).toString("base64");
    const res = await new Client(server.baseUrl).get("/", { Cookie: `portal_flash=${encodeURIComponent(forged)}.bad-signature` });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(SAVED.vi);
  });

  it("reads nothing from the query string: an old ?notice= link shows the page, not a message", async () => {
    const client = new Client(server.baseUrl);
    await client.signIn(DEMO.signerKami);
    const mou = await server.db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0002").executeTakeFirstOrThrow();
    for (const notice of ["signed", "not-a-notice"]) {
      const res = await client.get(`/mous/${mou.id}?notice=${notice}`);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain("Bạn đã ký. Cảm ơn!");
    }
  });
});
