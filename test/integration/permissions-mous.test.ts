import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/lib/ids.server";
import { PERSONA_EMAILS } from "../helpers/personas";
import { expectAll, runMatrix, signInPersonas, type Outcome, type Persona } from "../helpers/personas";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

describe("permission matrix: MoUs", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  /** MOU-…-0001 active, public (Dassault Systèmes lead, Kami); -0002 awaiting signatures (Kami lead); -0003 private NTT + Bình Xuyên. */
  let signed: string;
  let awaiting: string;
  let ntt: string;
  let nttParty: string;

  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
    const mous = await server.db.selectFrom("mous").select(["id", "reference"]).orderBy("reference").execute();
    [signed, awaiting, ntt] = mous.map((m) => m.id);
    nttParty = (await server.db.selectFrom("mou_parties").select("id").where("mou_id", "=", ntt).where("org_id", "=", "ntt").executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => server?.stop());

  const readers = (except: Partial<Record<Persona, Outcome>>) => expectAll("notFound", { visitor: "login", ...except });

  it("lets the parties' members and staff read an MoU, and answers 404 to everyone else", async () => {
    const problems = await runMatrix(clients, [
      { route: "GET /mous", expect: expectAll("ok", { visitor: "login" }) },
      { route: "GET /mous/new", expect: expectAll("ok", { visitor: "login" }) },
      { route: `GET /mous/${signed}`, expect: readers({ member: "ok", orgAdmin: "ok", staff: "ok" }) },
      { route: `GET /mous/${awaiting}`, expect: readers({ member: "ok", orgAdmin: "ok", staff: "ok" }) },
      { route: `GET /mous/${ntt}`, expect: readers({ otherMember: "ok", staff: "ok" }) },
      { route: `GET /mous/${awaiting}/compare?a=1&b=1`, expect: readers({ member: "ok", orgAdmin: "ok", staff: "ok" }) },
      { route: `GET /mous/${signed}/agreement.pdf`, expect: readers({ member: "ok", orgAdmin: "ok", staff: "ok" }) },
      { route: `GET /mous/${awaiting}/agreement.pdf`, expect: readers({}) },
      { route: `GET /mous/${ntt}/agreement.pdf`, expect: readers({}) },
      { route: "GET /verify", expect: expectAll("ok") },
    ]);
    expect(problems).toEqual([]);
  });

  it("lists only the MoUs of the actor's organizations", async () => {
    const refs = async (persona: Persona) => [...(await (await clients[persona].get("/mous")).text()).matchAll(/MOU-\d{4}-\d{4}/g)].map((m) => m[0].slice(-4));
    expect(new Set(await refs("member"))).toEqual(new Set(["0001", "0002"]));
    expect(new Set(await refs("otherMember"))).toEqual(new Set(["0003"]));
    expect(await refs("organizer")).toEqual([]);
    expect(new Set(await refs("staff"))).toEqual(new Set(["0001", "0002", "0003"]));
  });

  it("lets only the parties edit a text under review, never a frozen or signed one", async () => {
    const problems = await runMatrix(clients, [
      { route: `GET /mous/${ntt}/edit`, expect: readers({ otherMember: "ok", staff: "forbidden" }) },
      { route: `GET /mous/${awaiting}/edit`, expect: readers({ member: "forbidden", orgAdmin: "forbidden", staff: "forbidden" }) },
      { route: `GET /mous/${signed}/edit`, expect: readers({ member: "forbidden", orgAdmin: "forbidden", staff: "forbidden" }) },
      { route: `POST /mous/${signed}/edit`, form: { title_vi: "x" }, expect: readers({ member: "forbidden", orgAdmin: "forbidden", staff: "forbidden" }) },
      { route: `POST /mous/${signed}`, form: { intent: "comment", kind: "comment", body: "x" }, expect: readers({ member: "forbidden", orgAdmin: "forbidden", staff: "forbidden" }) },
      { route: `POST /mous/${signed}`, form: { intent: "amend" }, expect: readers({ member: "forbidden", orgAdmin: "forbidden", staff: "forbidden" }) },
      { route: `POST /mous/${awaiting}`, form: { intent: "send" }, expect: readers({ member: "forbidden", orgAdmin: "forbidden", staff: "forbidden" }) },
      { route: `POST /mous/${ntt}`, form: { intent: "share" }, expect: readers({ staff: "forbidden", otherMember: "conflict" }) },
      {
        route: `POST /mous/${awaiting}`,
        form: { intent: "add_signatory", party_id: nttParty, email: "a@example.vn", name: "A" },
        expect: readers({ member: "invalid", orgAdmin: "invalid", staff: "invalid" }),
      },
      { route: `POST /mous/${ntt}`, form: { intent: "comment", kind: "change_request", body: "Đề nghị sửa Điều 2" }, expect: readers({ otherMember: "redirect", staff: "forbidden" }) },
      {
        route: `POST /mous/${ntt}`,
        form: { intent: "add_signatory", party_id: nttParty, email: "ky@ntt.example.jp", name: "Watanabe Akira" },
        expect: readers({ otherMember: "redirect", staff: "forbidden" }),
      },
    ]);
    expect(problems).toEqual([]);
  });

  it("lets only the designated signatory open the signing page or ask for a code", async () => {
    const problems = await runMatrix(clients, [
      { route: `GET /mous/${awaiting}/sign`, expect: readers({ orgAdmin: "ok" }) },
      { route: `GET /mous/${signed}/sign`, expect: readers({ orgAdmin: "ok" }) },
      { route: `GET /mous/${ntt}/sign`, expect: readers({}) },
      { route: `POST /mous/${awaiting}/sign`, form: { intent: "sign", code: "123456", method: "typed", typed_signature: "X", consent: "on" }, expect: readers({ orgAdmin: "invalid" }) },
      { route: `POST /mous/${awaiting}/sign`, form: { intent: "decline", reason: "" }, expect: readers({ orgAdmin: "invalid" }) },
      { route: `POST /mous/${awaiting}/sign`, form: { intent: "code" }, expect: readers({ orgAdmin: "redirect" }) },
    ]);
    expect(problems).toEqual([]);
    const mail = await server.db.selectFrom("outbox").select("to_address").where("kind", "=", "mou_signing_code").execute();
    expect(mail.map((m) => m.to_address)).toEqual(["signer@kami.demo.example"]);
  });

  it("lets a member draft an MoU only for their own organization", async () => {
    const form = {
      title_vi: "Biên bản ghi nhớ mới",
      title_en: "New memorandum",
      visibility: "private",
      lead: "0",
      "parties.0.org_id": "kami",
      "parties.1.org_id": "dassault-systemes",
      "clauses.0.body_vi": "Hai bên hợp tác.",
    };
    const problems = await runMatrix(clients, [
      {
        route: "POST /mous/new",
        form,
        expect: expectAll("invalid", { visitor: "login", member: "redirect", orgAdmin: "redirect" }),
      },
    ]);
    expect(problems).toEqual([]);
  });

  /** An MoU under review led by NTT with Kami taking part, and one thread on it by a Kami admin. */
  async function reviewWithThread() {
    const at = new Date().toISOString();
    const id = newId();
    await server.db
      .insertInto("mous")
      .values({ id, reference: "MOU-2099-0001", status: "in_review", title_vi: "Thảo luận", title_en: "Discussion", visibility: "private", shared_at: at, created_at: at, updated_at: at })
      .execute();
    for (const [i, org] of ["ntt", "kami"].entries()) {
      await server.db.insertInto("mou_parties").values({ id: newId(), mou_id: id, org_id: org, is_lead: i === 0 ? 1 : 0, sort_order: i, accepted_at: at }).execute();
    }
    const author = await server.db.selectFrom("users").select("id").where("email", "=", PERSONA_EMAILS.orgAdmin).executeTakeFirstOrThrow();
    const thread = newId();
    await server.db
      .insertInto("mou_comments")
      .values({ id: thread, mou_id: id, version_id: null, clause_id: null, author_id: author.id, kind: "change_request", body: "Đề nghị làm rõ Điều 2", resolved_at: null, created_at: at })
      .execute();
    return { id, thread };
  }

  it("lets the parties reply to a thread, and only its author, the lead party or staff resolve or reopen it", async () => {
    const { id, thread } = await reviewWithThread();
    const signedThread = newId();
    const member = await server.db.selectFrom("users").select("id").where("email", "=", PERSONA_EMAILS.member).executeTakeFirstOrThrow();
    await server.db
      .insertInto("mou_comments")
      .values({ id: signedThread, mou_id: signed, version_id: null, clause_id: null, author_id: member.id, kind: "comment", body: "Đã ký", resolved_at: null, created_at: new Date().toISOString() })
      .execute();
    const partiesOnly = (except: Partial<Record<Persona, Outcome>>) => readers({ staff: "forbidden", ...except });
    const problems = await runMatrix(clients, [
      { route: `POST /mous/${id}`, form: { intent: "reply", thread_id: thread, reply: "Đồng ý, sẽ sửa." }, expect: partiesOnly({ member: "redirect", orgAdmin: "redirect", otherMember: "redirect" }) },
      // Kami's plain member is a party but neither the author nor the lead: it may answer, not close the point.
      { route: `POST /mous/${id}`, form: { intent: "resolve", thread_id: thread }, expect: readers({ member: "forbidden", orgAdmin: "redirect", otherMember: "redirect", staff: "redirect" }) },
      { route: `POST /mous/${id}`, form: { intent: "reopen_thread", thread_id: thread }, expect: readers({ member: "forbidden", orgAdmin: "redirect", otherMember: "redirect", staff: "redirect" }) },
      // A signed text's discussion is the record of how it was agreed: nobody reopens or closes it.
      { route: `POST /mous/${signed}`, form: { intent: "resolve", thread_id: signedThread }, expect: readers({ member: "forbidden", orgAdmin: "forbidden", staff: "forbidden" }) },
      { route: `POST /mous/${signed}`, form: { intent: "reply", thread_id: signedThread, reply: "x" }, expect: readers({ member: "forbidden", orgAdmin: "forbidden", staff: "forbidden" }) },
    ]);
    expect(problems).toEqual([]);
    const replies = await server.db.selectFrom("mou_comments").select("author_id").where("parent_id", "=", thread).execute();
    expect(replies).toHaveLength(3);
    const audit = await server.db.selectFrom("audit_log").select("action").where("entity_id", "=", id).execute();
    expect(audit.filter((a) => a.action === "mou.thread_resolved").length).toBeGreaterThan(0);
    expect(audit.filter((a) => a.action === "mou.thread_reopened").length).toBeGreaterThan(0);
  });
});
