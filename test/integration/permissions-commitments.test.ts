import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMouDates } from "~/mous/in-force.server";
import { vietnamToday } from "~/lib/time";
import { expectAll, PERSONA_EMAILS, runMatrix, signInPersonas, type Outcome, type Persona } from "../helpers/personas";
import { Client, DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * Who may do what on a commitment of the forum MoU (Kami owns it; Dassault Systèmes is the other
 * party). Members of NTT and the organizer are outsiders: the commitment does not exist for them.
 */
describe("permission matrix: the commitment process", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  let signer3ds: Client;
  let id: string;
  let mouId: string;
  let milestoneId: string;

  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    signer3ds = new Client(server.baseUrl);
    await signer3ds.signIn(DEMO.signer3ds);
    const commitment = await server.db.selectFrom("commitments").select(["id", "mou_id"]).where("title_vi", "=", "Triển khai MES tại 5 nhà máy trong tỉnh").executeTakeFirstOrThrow();
    id = commitment.id;
    mouId = commitment.mou_id;
    milestoneId = (await server.db.selectFrom("milestones").select("id").where("commitment_id", "=", id).orderBy("sort_order").executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => server?.stop());

  /** Outsiders get 404 (the MoU is private to them), a visitor the login page. */
  const onCommitment = (except: Partial<Record<Persona, Outcome>>) => expectAll("forbidden", { visitor: "login", otherMember: "notFound", organizer: "notFound", ...except });

  async function submitted(note: string): Promise<string> {
    expect((await clients.member.post(`/commitments/${id}`, { note })).status).toBe(302);
    return (await server.db.selectFrom("progress_updates").select("id").where("note", "=", note).executeTakeFirstOrThrow()).id;
  }

  it("lets only the owner's members report, revise and plan milestones", async () => {
    const problems = await runMatrix(clients, [
      { route: `POST /commitments/${id}`, form: { note: "Báo cáo của bên thực hiện" }, expect: onCommitment({ member: "redirect", orgAdmin: "redirect" }) },
      { route: `POST /commitments/${id}`, form: { intent: "revise", update_id: "khong-co", note: "Sửa lại" }, expect: onCommitment({ member: "conflict", orgAdmin: "conflict" }) },
      {
        route: `POST /commitments/${id}`,
        form: { intent: "add-milestone", title_vi: "Mốc kiểm tra quyền", title_en: "Permission check", due_on: "2027-03-01", weight: "1" },
        expect: onCommitment({ member: "redirect", orgAdmin: "redirect" }),
      },
      { route: `POST /commitments/${id}`, form: { intent: "move-milestone", milestone_id: milestoneId, direction: "down" }, expect: onCommitment({ member: "redirect", orgAdmin: "redirect" }) },
      { route: `POST /commitments/${id}`, form: { intent: "remove-milestone", milestone_id: "khong-co" }, expect: onCommitment({ member: "notFound", orgAdmin: "notFound" }) },
    ]);
    expect(problems).toEqual([]);
    // The other party reads the commitment but neither reports on it nor plans it.
    expect((await signer3ds.post(`/commitments/${id}`, { note: "Không phải việc của chúng tôi" })).status).toBe(403);
    expect((await signer3ds.post(`/commitments/${id}`, { intent: "add-milestone", title_vi: "x", due_on: "2027-01-01", weight: "1" })).status).toBe(403);
  });

  it("lets only the owner's admins name the contact person, one of the owner's members, each change recorded", async () => {
    const problems = await runMatrix(clients, [{ route: `POST /commitments/${id}`, form: { intent: "set-contact", contact_user_id: "" }, expect: onCommitment({ orgAdmin: "redirect" }) }]);
    expect(problems).toEqual([]);
    const userId = async (email: string) => (await server.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
    const kamiMember = await userId(PERSONA_EMAILS.member);
    // The other party's admin reads the commitment but does not choose who answers for it.
    expect((await signer3ds.post(`/commitments/${id}`, { intent: "set-contact", contact_user_id: await userId(DEMO.signer3ds) })).status).toBe(403);

    const outsider = await clients.orgAdmin.post(`/commitments/${id}`, { intent: "set-contact", contact_user_id: await userId(PERSONA_EMAILS.otherMember) });
    expect(outsider.status).toBe(400);
    expect(await outsider.text()).toMatch(/id="contact-user-error"[^>]*>Người liên hệ phải là thành viên của tổ chức thực hiện cam kết\./);
    expect((await clients.orgAdmin.post(`/commitments/${id}`, { intent: "set-contact", contact_user_id: kamiMember })).status).toBe(302);
    const saved = await server.db.selectFrom("commitments").select("contact_user_id").where("id", "=", id).executeTakeFirstOrThrow();
    expect(saved.contact_user_id).toBe(kamiMember);
    const step = await server.db.selectFrom("commitment_timeline").select(["actor_label", "after"]).where("commitment_id", "=", id).where("kind", "=", "contact.changed").orderBy("at", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(step.after!)).toEqual({ contact: "Vũ Văn Bình" });
    const audited = await server.db.selectFrom("audit_log").select("after").where("action", "=", "commitment.contact.changed").where("entity_id", "=", id).orderBy("seq", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(audited.after!)).toEqual({ contact: "Vũ Văn Bình" });
    const page = await (await signer3ds.get(`/commitments/${id}`)).text();
    expect(page).toContain("Người liên hệ: Vũ Văn Bình");
    expect(page).toContain("đổi người liên hệ: — Chưa có — → Vũ Văn Bình");
  });

  it("lets only another party or staff confirm or return a report, never the owner", async () => {
    const problems = await runMatrix(clients, [
      // An unknown update: whoever may decide is told it is not waiting; everyone else is refused first.
      { route: `POST /commitments/${id}`, form: { intent: "confirm", update_id: "khong-co" }, expect: onCommitment({ staff: "conflict" }) },
      { route: `POST /commitments/${id}`, form: { intent: "return", update_id: "khong-co", comment: "Thiếu minh chứng" }, expect: onCommitment({ staff: "conflict" }) },
    ]);
    expect(problems).toEqual([]);
    const first = await submitted("Báo cáo để bên kia xác nhận");
    expect((await clients.orgAdmin.post(`/commitments/${id}`, { intent: "confirm", update_id: first })).status).toBe(403);
    expect((await signer3ds.post(`/commitments/${id}`, { intent: "confirm", update_id: first })).status).toBe(302);
    // Decided once: a second decision is a conflict, not a second confirmation.
    expect((await clients.staff.post(`/commitments/${id}`, { intent: "return", update_id: first, comment: "Muộn" })).status).toBe(409);
    const second = await submitted("Báo cáo để cán bộ trả lại");
    const noComment = await clients.staff.post(`/commitments/${id}`, { intent: "return", update_id: second, comment: "" });
    expect(noComment.status).toBe(400);
    expect(await noComment.text()).toContain("Trường này là bắt buộc.");
    expect((await clients.staff.post(`/commitments/${id}`, { intent: "return", update_id: second, comment: "Thiếu biên bản nghiệm thu" })).status).toBe(302);
    expect((await clients.member.post(`/commitments/${id}`, { intent: "revise", update_id: second, note: "Đã bổ sung biên bản" })).status).toBe(302);
    const revised = await server.db.selectFrom("progress_updates").select(["status", "note"]).where("id", "=", second).executeTakeFirstOrThrow();
    expect(revised).toEqual({ status: "submitted", note: "Đã bổ sung biên bản" });
  });

  it("lets anyone who may read the MoU comment on an update, and nobody else", async () => {
    const update = await submitted("Báo cáo để bình luận");
    const problems = await runMatrix(clients, [
      {
        route: `POST /commitments/${id}`,
        form: { intent: "comment", update_id: update, comment: "Góp ý" },
        expect: expectAll("redirect", { visitor: "login", otherMember: "notFound", organizer: "notFound" }),
      },
    ]);
    expect(problems).toEqual([]);
    expect((await signer3ds.post(`/commitments/${id}`, { intent: "comment", update_id: update, comment: "Đồng ý" })).status).toBe(302);
  });

  it("keeps an MoU with a future effective date out of force, and brings it into force on that date", async () => {
    const today = vietnamToday();
    const tomorrow = vietnamToday(new Date(Date.now() + 86_400_000));
    const before = await server.db.selectFrom("mous").select(["status", "effective_on"]).where("id", "=", mouId).executeTakeFirstOrThrow();
    await server.db.updateTable("mous").set({ status: "signed", effective_on: tomorrow }).where("id", "=", mouId).execute();
    const page = await (await clients.member.get(`/commitments/${id}`)).text();
    expect(page).toContain("Đã ký, có hiệu lực từ");
    expect((await clients.member.post(`/commitments/${id}`, { note: "Trước ngày hiệu lực" })).status).toBe(403);
    // Not active before its day: every count and filter of active MoUs reads this status.
    expect(await applyMouDates(server.db, today)).toEqual({ tookEffect: 0, expired: 0 });
    expect((await server.db.selectFrom("mous").select("status").where("id", "=", mouId).executeTakeFirstOrThrow()).status).toBe("signed");
    expect(await applyMouDates(server.db, tomorrow)).toEqual({ tookEffect: 1, expired: 0 });
    expect((await server.db.selectFrom("mous").select("status").where("id", "=", mouId).executeTakeFirstOrThrow()).status).toBe("active");
    expect(await applyMouDates(server.db, tomorrow)).toEqual({ tookEffect: 0, expired: 0 });
    expect((await clients.member.post(`/commitments/${id}`, { note: "Từ ngày hiệu lực" })).status).toBe(302);
    await server.db.updateTable("mous").set({ effective_on: before.effective_on }).where("id", "=", mouId).execute();
  });

  it("expires an MoU after its expiry date and makes its commitments read-only", async () => {
    const mou = await server.db.selectFrom("mous").select(["expires_on"]).where("id", "=", mouId).executeTakeFirstOrThrow();
    const dayAfter = vietnamToday(new Date(Date.parse(`${mou.expires_on}T12:00:00Z`) + 86_400_000));
    expect(await applyMouDates(server.db, mou.expires_on!)).toEqual({ tookEffect: 0, expired: 0 });
    expect(await applyMouDates(server.db, dayAfter)).toEqual({ tookEffect: 0, expired: 1 });
    expect((await server.db.selectFrom("mous").select("status").where("id", "=", mouId).executeTakeFirstOrThrow()).status).toBe("expired");
    const problems = await runMatrix(clients, [
      { route: `POST /commitments/${id}`, form: { note: "Sau khi hết hạn" }, expect: onCommitment({}) },
      { route: `POST /commitments/${id}`, form: { intent: "add-milestone", title_vi: "x", due_on: "2030-01-01", weight: "1" }, expect: onCommitment({}) },
      { route: `GET /commitments/${id}`, expect: expectAll("ok", { visitor: "login", otherMember: "notFound", organizer: "notFound" }) },
    ]);
    expect(problems).toEqual([]);
  });
});
