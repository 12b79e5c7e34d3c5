import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDay, translate } from "~/i18n/translate";
import { Client, DEMO } from "../helpers/http";
import { PERSONA_EMAILS, signInPersonas, type Persona } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";

/** React escapes these in text; the page is compared with what a reader sees. */
const html = (text: string) => text.replace(/&/g, "&amp;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;");

const DRAFT = {
  title_vi: "Biên bản ghi nhớ về đào tạo MES",
  title_en: "Memorandum on MES training",
  purpose_vi: "Đào tạo kỹ sư vận hành MES tại Vĩnh Phúc.",
  purpose_en: "Train MES engineers in Vĩnh Phúc.",
  scope_vi: "Hai nhà máy mẫu.",
  scope_en: "Two pilot factories.",
  effective_on: "2027-03-01",
  expires_on: "2029-03-01",
  visibility: "private",
  lead: "0",
  "parties.0.org_id": "kami",
  "parties.1.org_id": "dassault-systemes",
  "clauses.0.heading_vi": "Mục đích",
  "clauses.0.body_vi": "Hai bên hợp tác đào tạo 40 kỹ sư.",
  "commitments.0.org_id": "dassault-systemes",
  "commitments.0.title_vi": "Đào tạo kỹ sư MES",
  "commitments.0.title_en": "Train MES engineers",
  "commitments.0.kpi_target": "40",
  "commitments.0.kpi_unit_vi": "kỹ sư",
  "commitments.0.kpi_unit_en": "engineers",
  "commitments.0.due_on": "2030-01-01",
};

describe("reviewing an MoU", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  let ds: Client;
  let mouId: string;

  async function inLanguage<T>(client: Client, locale: "vi" | "en", read: () => Promise<T>): Promise<T> {
    await client.post("/language", { locale, redirectTo: "/" });
    try {
      return await read();
    } finally {
      await client.post("/language", { locale: "vi", redirectTo: "/" });
    }
  }

  async function page(client: Client, path: string): Promise<string> {
    const res = await client.get(path);
    expect(res.status).toBe(200);
    return res.text();
  }

  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    ds = new Client(server.baseUrl);
    await ds.signIn(DEMO.signer3ds);
    // Drafted by Kami's admin, accepted by Dassault Systèmes, then shared: version 1.
    const created = await clients.orgAdmin.post("/mous/new", DRAFT);
    expect(created.status).toBe(302);
    mouId = /\/mous\/([^/?#]+)/.exec(created.headers.get("location") ?? "")![1];
    expect((await ds.post(`/mous/${mouId}/invitation`, { intent: "accept", org_id: "dassault-systemes" })).status).toBe(302);
    expect((await clients.orgAdmin.post(`/mous/${mouId}`, { intent: "share" })).status).toBe(302);
  });
  afterAll(async () => server?.stop());

  async function editForm(changes: Record<string, string>) {
    const commitment = await server.db.selectFrom("commitments").select("id").where("mou_id", "=", mouId).executeTakeFirstOrThrow();
    return { ...DRAFT, "commitments.0.id": commitment.id, ...changes };
  }

  it("keeps an edit's note with the version it makes, in the audit log, the history and the compare page", async () => {
    const tooLong = await clients.member.post(`/mous/${mouId}/edit`, await editForm({ "clauses.0.body_vi": "Thay đổi bị từ chối.", change_note: "x".repeat(501) }));
    expect(tooLong.status).toBe(400);
    const refused = await tooLong.text();
    expect(refused).toContain('id="field-change_note-error"');
    expect(refused).toContain(html(translate("vi", "validation.tooLong", { max: 500 })));
    expect(await server.db.selectFrom("mou_versions").select("number").where("mou_id", "=", mouId).execute()).toHaveLength(1);

    const note = "Nâng chỉ tiêu lên 60 kỹ sư theo đề nghị của Dassault Systèmes.";
    const saved = await clients.member.post(`/mous/${mouId}/edit`, await editForm({ "clauses.0.body_vi": "Hai bên hợp tác đào tạo 60 kỹ sư.", "commitments.0.kpi_target": "60", change_note: note }));
    expect(saved.status).toBe(302);
    const version = await server.db.selectFrom("mou_versions").select(["number", "note"]).where("mou_id", "=", mouId).where("number", "=", 2).executeTakeFirstOrThrow();
    expect(version.note).toBe(note);
    const audit = await server.db.selectFrom("audit_log").select("after").where("entity_id", "=", mouId).where("action", "=", "mou.edited").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({ version: 2, note });

    expect(await page(clients.member, `/mous/${mouId}`)).toContain(html(note));
    const compare = await page(ds, `/mous/${mouId}/compare?a=1&b=2`);
    expect(compare).toContain(html(note));
    expect(compare).toContain(translate("vi", "mous.versions.note"));
  });

  it("gives the compare page's dates in the reader's language", async () => {
    const vi = await page(clients.orgAdmin, `/mous/${mouId}/compare?a=1&b=2`);
    const en = await inLanguage(clients.orgAdmin, "en", () => page(clients.orgAdmin, `/mous/${mouId}/compare?a=1&b=2`));
    for (const [text, locale] of [[vi, "vi"], [en, "en"]] as const) {
      expect(text).toContain(formatDay("2030-01-01", locale));
      expect(text).toContain(formatDay("2027-03-01", locale));
      expect(text).not.toContain("2030-01-01)");
    }
    expect(formatDay("2030-01-01", "vi")).not.toBe(formatDay("2030-01-01", "en"));
    expect(en).toContain("Effective from");
    expect(vi).toContain("Ngày hiệu lực");
  });

  it("threads comments: a party replies, the author is mailed, the lead resolves, and the thread folds", async () => {
    expect((await clients.member.post(`/mous/${mouId}`, { intent: "comment", kind: "change_request", body: "Đề nghị ghi rõ địa điểm đào tạo." })).status).toBe(302);
    const thread = await server.db.selectFrom("mou_comments").select("id").where("mou_id", "=", mouId).where("parent_id", "is", null).executeTakeFirstOrThrow();

    const blank = await ds.post(`/mous/${mouId}`, { intent: "reply", thread_id: thread.id, reply: "  " });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain(`id="reply-${thread.id}-error"`);

    expect((await ds.post(`/mous/${mouId}`, { intent: "reply", thread_id: thread.id, reply: "Tại Khu công nghiệp Bá Thiện." })).status).toBe(302);
    const mail = await server.db.selectFrom("outbox").select(["to_address", "subject"]).where("kind", "=", "mou_comment_reply").execute();
    expect(mail.map((m) => m.to_address)).toEqual([PERSONA_EMAILS.member]);

    const open = await inLanguage(clients.member, "en", () => page(clients.member, `/mous/${mouId}`));
    expect(open).toContain("1 of 1 threads open");
    expect(open).toContain("Tại Khu công nghiệp Bá Thiện.");

    expect((await clients.orgAdmin.post(`/mous/${mouId}`, { intent: "resolve", thread_id: thread.id })).status).toBe(302);
    const resolved = await page(clients.member, `/mous/${mouId}`);
    expect(resolved).toContain('<details class="mou-thread resolved"');
    expect(resolved).toContain(translate("vi", "mous.comments.allResolved"));

    const late = await ds.post(`/mous/${mouId}`, { intent: "reply", thread_id: thread.id, reply: "Thêm một ý." });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain(html(translate("vi", "mous.comments.threadResolved")));
    expect(await server.db.selectFrom("mou_comments").select("id").where("parent_id", "=", thread.id).execute()).toHaveLength(1);
  });

  it("shows a signatory the purpose, scope, dates and the party owing each commitment before the sign form", async () => {
    const awaiting = await server.db.selectFrom("mous").selectAll().where("status", "=", "awaiting_signatures").executeTakeFirstOrThrow();
    const ds3 = await server.db.selectFrom("organizations").select(["name_vi", "name_en"]).where("id", "=", "dassault-systemes").executeTakeFirstOrThrow();
    const kami = await server.db.selectFrom("organizations").select(["name_vi", "name_en"]).where("id", "=", "kami").executeTakeFirstOrThrow();
    const vi = await page(clients.orgAdmin, `/mous/${awaiting.id}/sign`);
    const en = await inLanguage(clients.orgAdmin, "en", () => page(clients.orgAdmin, `/mous/${awaiting.id}/sign`));
    for (const [text, locale, dsName, kamiName] of [
      [vi, "vi", ds3.name_vi, kami.name_vi],
      [en, "en", ds3.name_en, kami.name_en],
    ] as const) {
      const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
      expect(text).toContain(html(locale === "en" ? awaiting.purpose_en! : awaiting.purpose_vi!));
      expect(text).toContain(html(locale === "en" ? awaiting.scope_en! : awaiting.scope_vi!));
      expect(text).toContain(formatDay(awaiting.effective_on!, locale));
      expect(text).toContain(formatDay(awaiting.expires_on!, locale));
      expect(text).toContain(`<dt>${html(t("mous.sign.owedBy"))}</dt><dd>${html(dsName)}</dd>`);
      expect(text).toContain(`<dt>${html(t("mous.sign.owedBy"))}</dt><dd>${html(kamiName)}</dd>`);
      // What is signed comes before the form that signs it.
      expect(text.indexOf(html(t("mous.sign.owedBy")))).toBeLessThan(text.indexOf('name="consent"'));
    }
  });
});
