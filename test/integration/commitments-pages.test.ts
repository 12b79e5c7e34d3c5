import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAll, runMatrix, signInPersonas, type Persona } from "../helpers/personas";
import { Client, DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

describe("commitments and the staff dashboard", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
  });
  afterAll(async () => server?.stop());

  it("lets signed-in users list commitments and only staff open the dashboard", async () => {
    const problems = await runMatrix(clients, [
      { route: "GET /commitments", expect: expectAll("ok", { visitor: "login" }) },
      { route: "GET /dashboard", expect: expectAll("forbidden", { visitor: "login", staff: "ok" }) },
    ]);
    expect(problems).toEqual([]);
  });

  it("shows a party's members the commitments of their MoUs, with the late ones marked delayed", async () => {
    const html = await (await clients.member.get("/commitments")).text();
    expect(html).toContain("Triển khai MES tại 5 nhà máy trong tỉnh");
    expect(html).toContain("Chậm tiến độ");
    expect(html).toContain("Đào tạo 200 kỹ sư Vĩnh Phúc về DELMIA và ENOVIA");
  });

  it("shows a member of an organization that is party to no tracked MoU nothing", async () => {
    const html = await (await clients.otherMember.get("/commitments")).text();
    expect(html).not.toContain("Triển khai MES");
    expect(html).toContain("Chưa có cam kết nào để theo dõi.");
  });

  it("filters by derived status", async () => {
    const html = await (await clients.staff.get("/commitments?status=delayed")).text();
    expect(html).toContain("Triển khai MES tại 5 nhà máy trong tỉnh");
    expect(html).not.toContain("Cung cấp 30 giấy phép");
  });

  it("gives staff the overdue milestones, the latest first", async () => {
    const html = await (await clients.staff.get("/dashboard")).text();
    expect(html).toContain("Mốc quá hạn");
    expect(html).toContain("Dây chuyền thí điểm tại nhà máy Kami");
    expect(html).toContain("Báo cáo đề xuất mô hình");
    expect(html.indexOf("Dây chuyền thí điểm")).toBeLessThan(html.indexOf("Báo cáo đề xuất mô hình"));
  });

  async function kamiMesCommitment() {
    return server.db
      .selectFrom("commitments")
      .select(["id", "kpi_current"])
      .where("title_vi", "=", "Triển khai MES tại 5 nhà máy trong tỉnh")
      .executeTakeFirstOrThrow();
  }

  it("shows a commitment to the MoU's parties and staff only, and lets only the owner's members report", async () => {
    const { id } = await kamiMesCommitment();
    const signer3ds = new Client(server.baseUrl);
    await signer3ds.signIn(DEMO.signer3ds);
    expect((await signer3ds.get(`/commitments/${id}`)).status).toBe(200);
    expect((await signer3ds.post(`/commitments/${id}`, { note: "Không phải việc của chúng tôi" })).status).toBe(403);
    const problems = await runMatrix(clients, [
      { route: `GET /commitments/${id}`, expect: expectAll("ok", { visitor: "login", otherMember: "notFound", organizer: "notFound" }) },
      {
        route: `POST /commitments/${id}`,
        form: { note: "Kiểm tra quyền" },
        expect: expectAll("forbidden", { visitor: "login", otherMember: "notFound", organizer: "notFound", member: "redirect", orgAdmin: "redirect" }),
      },
      { route: "GET /commitments/khong-co", expect: expectAll("notFound", { visitor: "login" }) },
    ]);
    expect(problems).toEqual([]);
  });

  it("records a progress report that counts only once another party confirms it: then the KPI, the milestone and the derived status change together, with audit entries", async () => {
    const { id } = await kamiMesCommitment();
    const pilot = await server.db.selectFrom("milestones").select("id").where("title_vi", "=", "Dây chuyền thí điểm tại nhà máy Kami").executeTakeFirstOrThrow();
    expect(await (await clients.member.get(`/commitments/${id}`)).text()).toContain("Chậm tiến độ");
    const res = await clients.member.post(`/commitments/${id}`, {
      note: "Dây chuyền thí điểm đã chạy ổn định 2 tuần.",
      kpi_value: "1",
      milestone_id: pilot.id,
      milestone_status: "done",
    });
    expect(res.status).toBe(302);
    const submitted = await (await clients.member.follow(res)).text();
    expect(submitted).toContain("Dây chuyền thí điểm đã chạy ổn định 2 tuần.");
    expect(submitted).toContain("Đã gửi báo cáo; các bên còn lại sẽ xác nhận.");
    const badge = (page: string) => /<header class="page-head commitment-head">[\s\S]*?<\/header>/.exec(page)![0];
    expect(badge(submitted)).toContain("Chậm tiến độ");
    expect((await kamiMesCommitment()).kpi_current).toBe(0);
    const update = await server.db.selectFrom("progress_updates").select(["id", "status"]).where("note", "=", "Dây chuyền thí điểm đã chạy ổn định 2 tuần.").executeTakeFirstOrThrow();
    expect(update.status).toBe("submitted");

    const signer3ds = new Client(server.baseUrl);
    await signer3ds.signIn(DEMO.signer3ds);
    const confirmed = await signer3ds.post(`/commitments/${id}`, { intent: "confirm", update_id: update.id });
    expect(confirmed.status).toBe(302);
    const html = await (await signer3ds.follow(confirmed)).text();
    expect(html).toContain("Đã xác nhận báo cáo.");
    expect(badge(html)).not.toContain("Chậm tiến độ");
    expect(html).toContain("Trạng thái: Chậm tiến độ → ");
    expect((await kamiMesCommitment()).kpi_current).toBe(1);
    const milestone = await server.db.selectFrom("milestones").select(["status", "done_at"]).where("id", "=", pilot.id).executeTakeFirstOrThrow();
    expect(milestone.status).toBe("done");
    expect(milestone.done_at).not.toBeNull();
    const audit = await server.db
      .selectFrom("audit_log")
      .select(["action", "entity_id", "before", "after"])
      .where("action", "=", "commitment.update.confirmed")
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "commitment.update.confirmed", entity_id: id });
    expect(JSON.parse(audit.before!)).toEqual({ kpi_current: 0 });
    expect(JSON.parse(audit.after!)).toEqual({ kpi_current: 1, milestone: { id: pilot.id, status: "done" } });
    const statusChange = await server.db.selectFrom("audit_log").select(["before", "after"]).where("action", "=", "commitment.status.changed").where("entity_id", "=", id).executeTakeFirstOrThrow();
    expect(JSON.parse(statusChange.before!)).toEqual({ status: "delayed" });
  });

  it("answers bad input next to the field, in the user's language, and writes nothing", async () => {
    const { id } = await kamiMesCommitment();
    const before = await server.db.selectFrom("progress_updates").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    for (const [form, message] of [
      [{ note: "" }, "Trường này là bắt buộc."],
      [{ note: "x".repeat(20_000) }, "Quá dài (tối đa 2000 ký tự)."],
      [{ note: "Báo cáo", kpi_value: "nhiều" }, "Vui lòng nhập một số."],
      [{ note: "Báo cáo", milestone_status: "done" }, "Chọn mốc để đổi trạng thái."],
      [{ note: "Báo cáo", milestone_id: "khong-co" }, "Giá trị không hợp lệ."],
    ] as const) {
      const res = await clients.member.post(`/commitments/${id}`, form);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
    }
    const after = await server.db.selectFrom("progress_updates").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("keeps tracking a sealed MoU's commitments while it is amended, and stops taking reports once it has ended", async () => {
    const { id } = await kamiMesCommitment();
    const mou = await server.db.selectFrom("commitments").select("mou_id").where("id", "=", id).executeTakeFirstOrThrow();
    const setStatus = (status: "in_review" | "terminated" | "active") =>
      server.db.updateTable("mous").set({ status }).where("id", "=", mou.mou_id).execute();
    await setStatus("in_review");
    expect((await clients.member.get(`/commitments/${id}`)).status).toBe(200);
    expect((await clients.member.post(`/commitments/${id}`, { note: "Báo cáo trong thời gian sửa đổi" })).status).toBe(302);
    await setStatus("terminated");
    expect((await clients.member.get(`/commitments/${id}`)).status).toBe(200);
    expect((await clients.member.post(`/commitments/${id}`, { note: "Sau khi chấm dứt" })).status).toBe(403);
    await setStatus("active");
  });

  it("keeps evidence files with a report, for the MoU's parties and staff only", async () => {
    const { id } = await kamiMesCommitment();
    const pdf = Buffer.from("%PDF-1.4\n% minh chứng\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    const form = new FormData();
    form.append("note", "Biên bản nghiệm thu dây chuyền thí điểm");
    form.append("evidence", new Blob([pdf], { type: "application/pdf" }), "nghiệm-thu.pdf");
    expect((await clients.member.post(`/commitments/${id}`, form)).status).toBe(302);
    const html = await (await clients.member.get(`/commitments/${id}`)).text();
    expect(html).toContain("nghiệm-thu.pdf");
    const fileId = /\/evidence\/([a-z0-9]+)/.exec(html)![1];
    const download = await clients.staff.get(`/commitments/${id}/evidence/${fileId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toContain("attachment");
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const problems = await runMatrix(clients, [
      {
        route: `GET /commitments/${id}/evidence/${fileId}`,
        expect: expectAll("ok", { visitor: "login", otherMember: "notFound", organizer: "notFound" }),
      },
    ]);
    expect(problems).toEqual([]);
    // The file is reachable only through its own commitment, and never through the public /files route.
    const other = await server.db.selectFrom("commitments").select("id").where("id", "!=", id).where("title_vi", "like", "Đào tạo 200%").executeTakeFirstOrThrow();
    expect((await clients.staff.get(`/commitments/${other.id}/evidence/${fileId}`)).status).toBe(404);
    expect((await clients.staff.get(`/files/${fileId}`)).status).toBe(404);
  });

  it("stores and serves an evidence file under a name whose extension follows its sniffed type", async () => {
    const { id } = await kamiMesCommitment();
    const form = new FormData();
    form.append("note", "Tệp PDF mang tên trang web");
    form.append("evidence", new Blob([Buffer.from("%PDF-1.4\n%%EOF\n")], { type: "text/html" }), "evil.html");
    expect((await clients.member.post(`/commitments/${id}`, form)).status).toBe(302);
    const stored = await server.db.selectFrom("files").select(["id", "filename", "mime_type"]).where("kind", "=", "evidence").where("filename", "like", "evil.%").executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ filename: "evil.pdf", mime_type: "application/pdf" });
    const served = async () => (await clients.member.get(`/commitments/${id}/evidence/${stored.id}`)).headers.get("content-disposition");
    expect(await served()).toBe("attachment; filename*=UTF-8''evil.pdf");
    // A name stored before this rule is corrected when served.
    await server.db.updateTable("files").set({ filename: "evil.html" }).where("id", "=", stored.id).execute();
    expect(await served()).toBe("attachment; filename*=UTF-8''evil.pdf");
  });

  it("refuses evidence of the wrong kind or in too great a number, and keeps nothing of the report", async () => {
    const { id } = await kamiMesCommitment();
    const count = async () => Number((await server.db.selectFrom("progress_updates").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    const html = new FormData();
    html.append("note", "Tệp lạ");
    html.append("evidence", new Blob(["<script>alert(1)</script>"], { type: "application/pdf" }), "bao-cao.pdf");
    const wrong = await clients.member.post(`/commitments/${id}`, html);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Chỉ nhận PDF, ảnh hoặc tài liệu Word, Excel, PowerPoint.");
    const many = new FormData();
    many.append("note", "Quá nhiều tệp");
    for (let i = 0; i < 6; i++) many.append("evidence", new Blob(["%PDF-1.4\n"]), `tep-${i}.pdf`);
    const tooMany = await clients.member.post(`/commitments/${id}`, many);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain("Chỉ đính kèm tối đa 5 tệp.");
    expect(await count()).toBe(before);
  });
  it("puts what needs attention first for a company, with its filters in the URL", async () => {
    const signer3ds = new Client(server.baseUrl);
    await signer3ds.signIn(DEMO.signer3ds);
    const html = await (await signer3ds.get("/commitments")).text();
    // Very late, delayed, a report to confirm, at risk… done last (the MES commitment is on track by now).
    const order = ["Số hóa quy trình kiểm tra chất lượng", "Tư vấn mô hình kinh tế số", "Kết nối IoT cho 20 máy CNC", "Đào tạo 200 kỹ sư", "Tặng 10 giấy phép ENOVIA"].map((title) => html.indexOf(title));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain("1 báo cáo chờ bạn xác nhận");
    expect(html).toContain("Chậm nghiêm trọng");
    const kami = await (await clients.member.get("/commitments")).text();
    expect(kami).toContain("1 báo cáo bị trả lại, cần sửa");
    expect(kami).not.toContain("chờ bạn xác nhận");

    const owned = await (await signer3ds.get("/commitments?owner=kami")).text();
    expect(owned).toContain("Triển khai MES");
    expect(owned).not.toContain("Đào tạo 200 kỹ sư");
    const veryLate = await (await signer3ds.get("/commitments?status=very_late")).text();
    expect(veryLate).toContain("Số hóa quy trình kiểm tra chất lượng");
    expect(veryLate).not.toContain("Triển khai MES");
    const soon = await (await signer3ds.get("/commitments?due=90")).text();
    expect(soon).toContain("Tặng 10 giấy phép ENOVIA");
    expect(soon).not.toContain("Triển khai MES");
    const mou = await server.db.selectFrom("mous").select("id").where("reference", "like", "%-0001").executeTakeFirstOrThrow();
    expect(await (await signer3ds.get(`/commitments?mou=${mou.id}&owner=kami`)).text()).toContain("Triển khai MES");
    expect(await (await signer3ds.get("/commitments?mou=khong-co")).text()).toContain("Chưa có cam kết nào để theo dõi.");
    expect((await signer3ds.get("/commitments?status=bogus&due=1000&page=abc")).status).toBe(200);
  });

  it("pages the list, at most 50 a page", async () => {
    const mou = await server.db.selectFrom("mous").select("id").where("reference", "like", "%-0001").executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    for (let i = 0; i < 50; i++) {
      await server.db
        .insertInto("commitments")
        .values({ id: `page-test-${i}`, mou_id: mou.id, org_id: "dassault-systemes", title_vi: `Cam kết phân trang ${i}`, due_on: "2030-01-01", created_at: now, updated_at: now, kpi_target: null, kpi_unit_vi: null, kpi_unit_en: null, start_on: null, title_en: null, description_vi: null, description_en: null, cancelled_at: null, cancel_reason: null, kpi_baseline: null, contact_user_id: null })
        .execute();
    }
    const cards = (page: string) => [...page.matchAll(/class="card commitment /g)].length;
    const total = Number((await server.db.selectFrom("commitments").select((eb) => eb.fn.countAll().as("n")).where("mou_id", "=", mou.id).executeTakeFirstOrThrow()).n);
    const first = await (await clients.staff.get("/commitments")).text();
    expect(cards(first)).toBe(50);
    const second = await (await clients.staff.get("/commitments?page=2")).text();
    expect(cards(second)).toBe(total - 50);
    expect(second).not.toContain("Số hóa quy trình kiểm tra chất lượng");
  });
});

