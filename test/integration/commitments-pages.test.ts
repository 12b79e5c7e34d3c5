import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAll, runMatrix, signInPersonas, type Persona } from "../helpers/personas";
import type { Client } from "../helpers/http";
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
});
