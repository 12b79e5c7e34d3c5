import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, sha256Hex } from "~/lib/ids.server";
import { renderEmail } from "~/mail/layout.server";
import { enqueueEmail } from "~/mail/outbox.server";
import type { Client } from "../helpers/http";
import { DEMO } from "../helpers/http";
import { expectAll, runMatrix, signInPersonas, type Persona } from "../helpers/personas";
import { startTestServer, type TestServer } from "../helpers/server";

const ORG_FIELDS = {
  name_vi: "CTCP Công nghệ Chế tạo Kami",
  name_en: "Kami Manufacturing Technology JSC",
  kind: "enterprise",
  country: "Việt Nam",
};

describe("permission matrix: accounts, organizations and administration", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  const invitationToken = "matrix-invitation-token-for-someone-else";
  let outboxId = "";
  let userId = "";

  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    const now = new Date().toISOString();
    await server.db
      .insertInto("invitations")
      .values({
        id: newId(),
        org_id: "kami",
        email: "invitee@example.vn",
        role: "member",
        token_hash: sha256Hex(invitationToken),
        invited_by: null,
        expires_at: new Date(Date.now() + 86_400_000).toISOString(),
        accepted_at: null,
        revoked_at: null,
        created_at: now,
      })
      .execute();
    outboxId = await server.db.transaction().execute((trx) =>
      enqueueEmail(trx, {
        kind: "test",
        to: "someone@example.vn",
        locale: "vi",
        subject: "Thư thử",
        ...renderEmail({ locale: "vi", heading: "Thư thử", paragraphs: ["Nội dung"] }),
      })
    );
    await server.db
      .updateTable("outbox")
      .set({ status: "failed", last_error: "550 mailbox unavailable" })
      .where("id", "=", outboxId)
      .execute();
    userId = (await server.db.selectFrom("users").select("id").where("email", "=", DEMO.signer3ds).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => server?.stop());

  const staffOnly = (ok: "ok" | "redirect") => expectAll("forbidden", { visitor: "login", staff: ok });
  const kamiAdmins = (ok: "ok" | "redirect") => expectAll("forbidden", { visitor: "login", orgAdmin: ok, staff: ok });

  it("lets each persona read and change exactly what their role allows", async () => {
    const problems = await runMatrix(clients, [
      // Pages for people who are not signed in.
      { route: "GET /login", expect: expectAll("redirect", { visitor: "ok" }) },
      { route: "GET /signup", expect: expectAll("redirect", { visitor: "ok" }) },
      { route: "GET /forgot-password", expect: expectAll("redirect", { visitor: "ok" }) },
      { route: "GET /verify-email/not-a-token", expect: expectAll("notFound") },
      { route: "GET /reset-password/not-a-token", expect: expectAll("notFound") },
      { route: "POST /verify-email/not-a-token", expect: expectAll("notFound") },
      {
        route: "POST /reset-password/not-a-token",
        form: { password: "mat-khau-moi-rat-dai", confirm: "mat-khau-moi-rat-dai" },
        expect: expectAll("notFound"),
      },
      // The account page.
      { route: "GET /account", expect: expectAll("ok", { visitor: "login" }) },
      {
        route: "POST /account",
        form: { intent: "profile", name: "Người dùng thử", locale: "vi" },
        expect: expectAll("redirect", { visitor: "login" }),
      },
      // Organization profiles: public to read; admins of the org and staff change them.
      { route: "GET /orgs/kami", expect: expectAll("ok") },
      { route: "GET /orgs/no-such-org", expect: expectAll("notFound") },
      { route: "GET /orgs/kami/edit", expect: kamiAdmins("ok") },
      { route: "GET /orgs/ntt/edit", expect: staffOnly("ok") },
      { route: "GET /orgs/no-such-org/edit", expect: expectAll("forbidden", { visitor: "login", staff: "notFound" }) },
      { route: "POST /orgs/kami/edit", form: ORG_FIELDS, expect: kamiAdmins("redirect") },
      {
        route: "POST /orgs/ntt/edit",
        form: { ...ORG_FIELDS, name_vi: "NTT", name_en: "NTT", kind: "corporation", country: "Nhật Bản" },
        expect: staffOnly("redirect"),
      },
      { route: "POST /orgs/kami", form: { intent: "verify" }, expect: staffOnly("redirect") },
      // Members and invitations.
      { route: "GET /orgs/kami/members", expect: kamiAdmins("ok") },
      { route: "GET /orgs/ntt/members", expect: staffOnly("ok") },
      {
        route: "POST /orgs/kami/members",
        form: { intent: "invite", email: "new.colleague@example.vn", role: "member" },
        expect: kamiAdmins("redirect"),
      },
      {
        route: "POST /orgs/ntt/members",
        form: { intent: "invite", email: "new.colleague@example.vn", role: "member" },
        expect: staffOnly("redirect"),
      },
      { route: `GET /invitations/${invitationToken}`, expect: expectAll("ok") },
      { route: "GET /invitations/not-a-token", expect: expectAll("notFound") },
      // Nobody here is the invited address: everyone signed in is refused, the visitor asked to sign in.
      { route: `POST /invitations/${invitationToken}`, expect: expectAll("forbidden", { visitor: "login" }) },
      // Administration: staff only.
      { route: "GET /admin", expect: staffOnly("ok") },
      { route: "GET /admin/users", expect: staffOnly("ok") },
      { route: "GET /admin/users?q=kami", expect: staffOnly("ok") },
      { route: "GET /admin/orgs", expect: staffOnly("ok") },
      { route: "GET /admin/outbox", expect: staffOnly("ok") },
      { route: "GET /admin/outbox?status=failed&page=1", expect: staffOnly("ok") },
      { route: `GET /admin/outbox/${outboxId}`, expect: staffOnly("ok") },
      { route: "GET /admin/outbox/no-such-mail", expect: expectAll("forbidden", { visitor: "login", staff: "notFound" }) },
      { route: "GET /admin/audit", expect: staffOnly("ok") },
      { route: "GET /admin/audit?page=2", expect: staffOnly("ok") },
      { route: "GET /admin/audit?actor=kami&action=auth.login&type=user&from=2026-01-01&to=2030-12-31", expect: staffOnly("ok") },
      { route: "GET /admin/audit.csv", expect: staffOnly("ok") },
      { route: `POST /admin/outbox/${outboxId}`, expect: staffOnly("redirect") },
      { route: "POST /admin/users", form: { userId, change: "grantOrganizer" }, expect: staffOnly("redirect") },
      {
        route: "POST /admin/orgs",
        form: { ...ORG_FIELDS, name_vi: "Tổ chức thử", name_en: "Test organization" },
        expect: staffOnly("redirect"),
      },
      // Anonymous-only forms answer signed-in users with a redirect, without acting.
      {
        route: "POST /signup",
        form: { name: "A", email: "a@example.vn", password: "mot-cum-tu-de-nho", locale: "vi" },
        expect: expectAll("redirect"),
      },
      { route: "POST /forgot-password", form: { email: DEMO.staff }, expect: expectAll("redirect") },
      // Last: signing out.
      { route: "POST /logout", expect: expectAll("redirect") },
      { route: "GET /account", expect: expectAll("login") },
    ]);
    expect(problems).toEqual([]);
  });
});
