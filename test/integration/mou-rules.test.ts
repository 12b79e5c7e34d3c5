import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/permissions.server";
import { can } from "~/auth/permissions.server";
import { loadAgreementFile } from "~/mous/agreements.server";
import { createMou, updateMou } from "~/mous/drafts.server";
import { type MouDraft } from "~/mous/mou.schema";
import { acceptParty } from "~/mous/parties.server";
import { shareMou, startAmendment } from "~/mous/review.server";
import { addSignatory, sendForSignature } from "~/mous/signatories.server";
import { runDueJobs } from "~/jobs/runner.server";
import { jobHandlers } from "~/server/job-handlers.server";
import { closeOverdueSignings, declineMou, remindSignatories, requestSigningCode, requireOwnSignatory, signMou } from "~/mous/signing.server";
import { nowIso, vietnamToday } from "~/lib/time";
import { seedDemoData } from "~/demo/seed.server";
import type { DB } from "~db/schema";
import { openMigratedDatabase } from "../helpers/database";

// The development certificate for the agreements these tests seal goes to a throwaway directory.
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "portal-mou-rules-"));

type Person = { actor: Actor & { user: NonNullable<Actor["user"]> }; acting: { user: { id: string; name: string; locale: "vi" }; ip: string; userAgent: string; origin: string } };

const ORIGIN = "http://portal.test";
const TINY_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

async function person(db: DB, email: string): Promise<Person> {
  const u = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
  const memberships = await db.selectFrom("memberships").select(["org_id", "role"]).where("user_id", "=", u.id).execute();
  const user = { id: u.id, email: u.email, name: u.name, locale: "vi" as const, isStaff: u.is_staff === 1, isOrganizer: u.is_organizer === 1, emailVerified: true };
  return { actor: { user, memberships }, acting: { user: { id: u.id, name: u.name, locale: "vi" }, ip: "198.51.100.7", userAgent: "vitest", origin: ORIGIN } };
}

function draft(overrides: Partial<MouDraft> = {}): MouDraft {
  return {
    title_vi: "Biên bản ghi nhớ thử nghiệm",
    title_en: "Test memorandum",
    purpose_vi: null,
    purpose_en: null,
    scope_vi: null,
    scope_en: null,
    event_id: null,
    effective_on: null,
    expires_on: null,
    visibility: "private",
    lead: 0,
    parties: [{ org_id: "kami" }, { org_id: "dassault-systemes" }],
    clauses: [{ heading_vi: "Mục đích", heading_en: "Purpose", body_vi: "Hợp tác đào tạo tại Vĩnh Phúc.", body_en: "Training cooperation." }],
    commitments: [{ id: null, org_id: "kami", title_vi: "Đào tạo 20 kỹ sư", title_en: null, kpi_baseline: null, kpi_target: 20, kpi_unit_vi: "kỹ sư", kpi_unit_en: "engineers", due_on: "2030-01-01" }],
    ...overrides,
  };
}

async function lastCode(db: DB, email: string): Promise<string> {
  const mail = await db.selectFrom("outbox").select("subject").where("to_address", "=", email).where("kind", "=", "mou_signing_code").orderBy("created_at", "desc").limit(1).executeTakeFirstOrThrow();
  return /(\d{6})/.exec(mail.subject)![1];
}

describe("MoU rules", () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: DB;
  let kami: Person;
  let ds: Person;

  beforeAll(async () => {
    database = await openMigratedDatabase();
    db = database.db;
    await seedDemoData(db);
    kami = await person(db, "signer@kami.demo.example");
    ds = await person(db, "signer@3ds.demo.example");
  });
  afterAll(async () => database?.close());

  /** Drafted by Kami, and accepted by Dassault Systèmes' admin so that it takes part. */
  async function draftedMou() {
    const created = await createMou(db, kami.actor, draft(), "kami", kami.acting.ip);
    await acceptParty(db, ds.acting, created.id, "dassault-systemes");
    return created;
  }

  /** A Kami-led MoU with Dassault Systèmes, each party with its demo signer, sent for signature. */
  async function awaitingMou(options: { order?: "parallel" | "sequential"; deadline?: string | null } = {}) {
    const { id } = await draftedMou();
    const parties = await db.selectFrom("mou_parties").select(["id", "org_id"]).where("mou_id", "=", id).execute();
    await addSignatory(db, kami.acting, id, { partyId: parties.find((p) => p.org_id === "kami")!.id, email: "signer@kami.demo.example", name: "Đỗ Thị Thu Trang", title: null });
    await addSignatory(db, ds.acting, id, { partyId: parties.find((p) => p.org_id === "dassault-systemes")!.id, email: "signer@3ds.demo.example", name: "Nguyễn Hoàng Nam", title: null });
    await sendForSignature(db, kami.acting, id, { order: options.order ?? "parallel", deadline: options.deadline ?? null, today: vietnamToday() });
    const signatories = await db.selectFrom("signatories").select(["id", "email"]).where("mou_id", "=", id).execute();
    const sid = (email: string) => signatories.find((s) => s.email === email)!.id;
    return { id, kamiSignatory: sid("signer@kami.demo.example"), dsSignatory: sid("signer@3ds.demo.example") };
  }

  async function signWithCode(who: Person, email: string, mouId: string, signatoryId: string, kind: "typed" | "drawn" = "typed") {
    await db.updateTable("signatories").set({ otp_expires_at: null }).where("id", "=", signatoryId).execute();
    expect(await requestSigningCode(db, who.acting, mouId, signatoryId)).toEqual({ ok: true, complete: false });
    const code = await lastCode(db, email);
    const result = await signMou(db, who.acting, mouId, signatoryId, { code, kind, data: kind === "typed" ? who.acting.user.name : TINY_PNG, consent: true });
    // The last signature queues the seal; the server's job runner would take it from here.
    if (result.ok && result.complete) await runDueJobs(db, { handlers: jobHandlers(), retryBaseMs: 1000 });
    return result;
  }

  it("lets both demo signers sign the demo MoU awaiting signatures, which then gets its sealed PDF", async () => {
    const mou = await db.selectFrom("mous").select("id").where("reference", "like", "MOU-%-0002").executeTakeFirstOrThrow();
    const rows = await db.selectFrom("signatories").select(["id", "email"]).where("mou_id", "=", mou.id).execute();
    const id = (email: string) => rows.find((r) => r.email === email)!.id;
    expect(await signWithCode(ds, "signer@3ds.demo.example", mou.id, id("signer@3ds.demo.example"))).toEqual({ ok: true, complete: false });
    expect(await signWithCode(kami, "signer@kami.demo.example", mou.id, id("signer@kami.demo.example"), "drawn")).toEqual({ ok: true, complete: true });
    expect(await db.selectFrom("agreements").select("id").where("mou_id", "=", mou.id).execute()).toHaveLength(1);
    const completed = await db.selectFrom("outbox").select(["to_address", "attachments"]).where("kind", "=", "mou_completed").execute();
    expect(completed.map((m) => m.to_address).sort()).toEqual(["signer@3ds.demo.example", "signer@kami.demo.example"]);
    expect(JSON.parse(completed[0].attachments)[0]).toMatchObject({ contentType: "application/pdf" });
  });

  it("gives every MoU its own MOU-YYYY-NNNN reference, even when drafted at the same moment, and never changes it", async () => {
    const created = await Promise.all(Array.from({ length: 6 }, () => createMou(db, kami.actor, draft(), "kami", "")));
    const refs = created.map((c) => c.reference);
    expect(new Set(refs).size).toBe(6);
    for (const r of refs) expect(r).toMatch(new RegExp(`^MOU-${vietnamToday().slice(0, 4)}-\\d{4}$`));
    await updateMou(db, kami.actor, created[0].id, draft({ title_vi: "Đổi tên" }), "kami", "");
    const after = await db.selectFrom("mous").select("reference").where("id", "=", created[0].id).executeTakeFirstOrThrow();
    expect(after.reference).toBe(created[0].reference);
  });

  it("makes a new version for each saved change after sharing, and none before or for an unchanged text", async () => {
    const { id } = await draftedMou();
    await updateMou(db, kami.actor, id, draft({ title_vi: "Trước khi chia sẻ" }), "kami", "");
    expect(await db.selectFrom("mou_versions").select("id").where("mou_id", "=", id).execute()).toHaveLength(0);
    await shareMou(db, kami.acting, id);
    const changed = draft({ title_vi: "Trước khi chia sẻ", clauses: [...draft().clauses, { heading_vi: null, heading_en: null, body_vi: "Điều khoản mới.", body_en: null }] });
    expect(await updateMou(db, ds.actor, id, changed, "kami", "")).toEqual({ ok: true, versionNumber: 2 });
    expect(await updateMou(db, ds.actor, id, changed, "kami", "")).toEqual({ ok: true, versionNumber: null });
    const versions = await db.selectFrom("mou_versions").select(["number", "content_hash"]).where("mou_id", "=", id).orderBy("number").execute();
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[0].content_hash).not.toBe(versions[1].content_hash);
  });

  it("freezes the version sent for signature: the text cannot be edited, and an amendment leaves it and its PDF untouched", async () => {
    const { id, kamiSignatory, dsSignatory } = await awaitingMou();
    await expect(updateMou(db, kami.actor, id, draft({ title_vi: "Sửa lén" }), "kami", "")).rejects.toMatchObject({ code: "conflict" });
    expect(can(kami.actor, { action: "mou.edit", parties: [{ org_id: "kami", accepted_at: nowIso() }], status: "awaiting_signatures" })).toBe(false);
    expect((await signWithCode(kami, "signer@kami.demo.example", id, kamiSignatory)).ok).toBe(true);
    expect(await signWithCode(ds, "signer@3ds.demo.example", id, dsSignatory, "drawn")).toEqual({ ok: true, complete: true });
    const frozen = await db.selectFrom("mou_versions").selectAll().where("mou_id", "=", id).where("frozen_at", "is not", null).executeTakeFirstOrThrow();
    const agreement = await db.selectFrom("agreements").selectAll().where("mou_id", "=", id).executeTakeFirstOrThrow();
    expect((await db.selectFrom("mous").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("active");

    await startAmendment(db, kami.acting, id);
    const amended = await updateMou(db, kami.actor, id, draft({ title_vi: "Sửa đổi lần 1" }), "kami", "");
    expect(amended).toEqual({ ok: true, versionNumber: frozen.number + 1 });
    const again = await db.selectFrom("mou_versions").selectAll().where("id", "=", frozen.id).executeTakeFirstOrThrow();
    expect(again).toEqual(frozen);
    expect(await db.selectFrom("agreements").selectAll().where("id", "=", agreement.id).executeTakeFirstOrThrow()).toEqual(agreement);
    expect((await loadAgreementFile(db, id, frozen.number))?.sha256).toBe(agreement.sha256);
    // The first round's signatures stay with the sealed version; the same people are named for the new round.
    const rounds = await db.selectFrom("signatories").select(["status", "superseded_at"]).where("mou_id", "=", id).execute();
    expect(rounds.filter((s) => s.superseded_at).map((s) => s.status)).toEqual(["signed", "signed"]);
    expect(rounds.filter((s) => !s.superseded_at).map((s) => s.status)).toEqual(["pending", "pending"]);
  });

  it("keeps a signed MoU's commitments, their milestones and reported progress through an amendment", async () => {
    const { id, kamiSignatory, dsSignatory } = await awaitingMou();
    await signWithCode(kami, "signer@kami.demo.example", id, kamiSignatory);
    await signWithCode(ds, "signer@3ds.demo.example", id, dsSignatory);
    const commitment = await db.selectFrom("commitments").selectAll().where("mou_id", "=", id).executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    await db.insertInto("milestones").values({ id: "m-amend", commitment_id: commitment.id, title_vi: "Khóa 1", due_on: "2029-01-01", status: "done", created_at: at, updated_at: at }).execute();
    await db.insertInto("progress_updates").values({ id: "p-amend", commitment_id: commitment.id, note: "Đã đào tạo 8 kỹ sư", kpi_value: 8, created_at: at }).execute();
    await db.updateTable("commitments").set({ kpi_current: 8 }).where("id", "=", commitment.id).execute();

    await startAmendment(db, kami.acting, id);
    const edited = { ...draft().commitments[0], id: commitment.id, title_vi: "Đào tạo 30 kỹ sư", kpi_baseline: 5, kpi_target: 30 };
    const added = { ...draft().commitments[0], org_id: "dassault-systemes", title_vi: "Cấp 10 giấy phép" };
    expect((await updateMou(db, kami.actor, id, draft({ commitments: [edited, added] }), "kami", "")).ok).toBe(true);
    const kept = await db.selectFrom("commitments").selectAll().where("id", "=", commitment.id).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ title_vi: "Đào tạo 30 kỹ sư", kpi_baseline: 5, kpi_target: 30, kpi_current: 8, cancelled_at: null });
    expect(await db.selectFrom("milestones").select("id").where("commitment_id", "=", commitment.id).execute()).toHaveLength(1);
    expect(await db.selectFrom("progress_updates").select("id").where("commitment_id", "=", commitment.id).execute()).toHaveLength(1);

    // Taken out by a later save of the amendment: cancelled, with its history, not deleted.
    expect((await updateMou(db, kami.actor, id, draft({ commitments: [added] }), "kami", "")).ok).toBe(true);
    const dropped = await db.selectFrom("commitments").selectAll().where("id", "=", commitment.id).executeTakeFirstOrThrow();
    expect(dropped.cancelled_at).not.toBeNull();
    expect(await db.selectFrom("progress_updates").select("id").where("commitment_id", "=", commitment.id).execute()).toHaveLength(1);
  });

  it("plans milestones with the draft: saved with its version, signed with the text, the commitment's plan once sealed, kept through an amendment", async () => {
    const planned = [
      { id: null, title_vi: "Khóa đào tạo 1", title_en: "Course 1", due_on: "2029-06-30", weight: 2 },
      { id: null, title_vi: "Khóa đào tạo 2", title_en: null, due_on: "2029-12-31", weight: 1 },
    ];
    const created = await createMou(db, kami.actor, draft({ commitments: [{ ...draft().commitments[0], milestones: planned }] }), "kami", kami.acting.ip);
    await acceptParty(db, ds.acting, created.id, "dassault-systemes");
    const commitment = await db.selectFrom("commitments").select("id").where("mou_id", "=", created.id).executeTakeFirstOrThrow();
    const plan = () => db.selectFrom("milestones").select(["id", "title_vi", "title_en", "due_on", "weight", "status"]).where("commitment_id", "=", commitment.id).orderBy("sort_order").execute();
    expect((await plan()).map((m) => [m.title_vi, m.due_on, Number(m.weight), m.status])).toEqual([
      ["Khóa đào tạo 1", "2029-06-30", 2, "pending"],
      ["Khóa đào tạo 2", "2029-12-31", 1, "pending"],
    ]);

    const parties = await db.selectFrom("mou_parties").select(["id", "org_id"]).where("mou_id", "=", created.id).execute();
    await addSignatory(db, kami.acting, created.id, { partyId: parties.find((p) => p.org_id === "kami")!.id, email: "signer@kami.demo.example", name: "Đỗ Thị Thu Trang", title: null });
    await addSignatory(db, ds.acting, created.id, { partyId: parties.find((p) => p.org_id === "dassault-systemes")!.id, email: "signer@3ds.demo.example", name: "Nguyễn Hoàng Nam", title: null });
    await sendForSignature(db, kami.acting, created.id, { order: "parallel", deadline: null, today: vietnamToday() });
    const signatories = await db.selectFrom("signatories").select(["id", "email"]).where("mou_id", "=", created.id).execute();
    for (const [who, email] of [[kami, "signer@kami.demo.example"], [ds, "signer@3ds.demo.example"]] as const) {
      expect((await signWithCode(who, email, created.id, signatories.find((x) => x.email === email)!.id)).ok).toBe(true);
    }
    const sealed = await db
      .selectFrom("agreements")
      .innerJoin("mou_versions", "mou_versions.id", "agreements.version_id")
      .select(["mou_versions.content"])
      .where("agreements.mou_id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(sealed.content).commitments[0].milestones).toEqual([
      { title: { vi: "Khóa đào tạo 1", en: "Course 1" }, due_on: "2029-06-30", weight: 2 },
      { title: { vi: "Khóa đào tạo 2", en: null }, due_on: "2029-12-31", weight: 1 },
    ]);
    const [first, second] = await plan();
    expect([first.title_vi, second.title_vi]).toEqual(["Khóa đào tạo 1", "Khóa đào tạo 2"]);
    // The sealed PDF lists them under their commitment.
    const pdf = await loadAgreementFile(db, created.id, null);
    const file = path.join(process.env.DATA_DIR!, "planned.pdf");
    fs.writeFileSync(file, Buffer.from(pdf!.content));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("• Khóa đào tạo 1 / Course 1");
    expect(text).toContain("• Khóa đào tạo 2");

    // Done since signing; an amendment renames it and drops the other: the done one keeps its status and reports.
    await db.updateTable("milestones").set({ status: "done" }).where("id", "=", first.id).execute();
    await db.insertInto("progress_updates").values({ id: "p-planned", commitment_id: commitment.id, milestone_id: first.id, note: "Khóa 1 xong", created_at: nowIso() }).execute();
    await startAmendment(db, kami.acting, created.id);
    const renamed = { ...planned[0], id: first.id, title_vi: "Khóa đào tạo đầu tiên" };
    expect((await updateMou(db, kami.actor, created.id, draft({ commitments: [{ ...draft().commitments[0], id: commitment.id, milestones: [renamed] }] }), "kami", "")).ok).toBe(true);
    expect((await plan()).map((m) => [m.id, m.title_vi, m.status])).toEqual([[first.id, "Khóa đào tạo đầu tiên", "done"]]);
    expect((await db.selectFrom("progress_updates").select("milestone_id").where("id", "=", "p-planned").executeTakeFirstOrThrow()).milestone_id).toBe(first.id);
  });

  it("refuses to drop a party that has signed, so no signature is ever lost", async () => {
    const { id, kamiSignatory, dsSignatory } = await awaitingMou();
    await signWithCode(kami, "signer@kami.demo.example", id, kamiSignatory);
    await signWithCode(ds, "signer@3ds.demo.example", id, dsSignatory);
    await startAmendment(db, kami.acting, id);
    const withoutDs = draft({ parties: [{ org_id: "kami" }, { org_id: "ntt" }], commitments: [] });
    expect(await updateMou(db, kami.actor, id, withoutDs, "kami", "")).toEqual({ ok: false, field: "parties", error: "mous.error.signedPartyRemoved" });
    const signed = await db.selectFrom("signatories").select("status").where("mou_id", "=", id).where("status", "=", "signed").execute();
    expect(signed).toHaveLength(2);
    const parties = await db.selectFrom("mou_parties").select("org_id").where("mou_id", "=", id).execute();
    expect(parties.map((p) => p.org_id).sort()).toEqual(["dassault-systemes", "kami"]);
  });

  it("requires the emailed code: none, wrong, expired and too many attempts are all refused", async () => {
    const { id, kamiSignatory } = await awaitingMou();
    const sign = (code: string) => signMou(db, kami.acting, id, kamiSignatory, { code, kind: "typed", data: "Đỗ Thị Thu Trang", consent: true });
    expect(await sign("123456")).toEqual({ ok: false, error: "mous.sign.codeRequired" });
    await requestSigningCode(db, kami.acting, id, kamiSignatory);
    const code = await lastCode(db, "signer@kami.demo.example");
    const row = await db.selectFrom("signatories").select(["otp_hash", "otp_expires_at"]).where("id", "=", kamiSignatory).executeTakeFirstOrThrow();
    expect(row.otp_hash).not.toContain(code);
    expect(new Date(row.otp_expires_at!).getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    const wrong = code === "000000" ? "000001" : "000000";
    expect(await sign(wrong)).toEqual({ ok: false, error: "mous.sign.codeWrong" });
    expect(await signMou(db, kami.acting, id, kamiSignatory, { code, kind: "typed", data: "Đỗ", consent: false })).toEqual({ ok: false, error: "mous.sign.consentRequired" });
    // A drawing that is not a whole PNG is refused before it could break the agreement.
    expect(await signMou(db, kami.acting, id, kamiSignatory, { code, kind: "drawn", data: "data:image/png;base64,iVBORw0KGgo=", consent: true })).toEqual({ ok: false, error: "mous.sign.signatureRequired" });

    await db.updateTable("signatories").set({ otp_expires_at: new Date(Date.now() - 1000).toISOString() }).where("id", "=", kamiSignatory).execute();
    expect(await sign(code)).toEqual({ ok: false, error: "mous.sign.codeExpired" });

    await db.updateTable("signatories").set({ otp_expires_at: null }).where("id", "=", kamiSignatory).execute();
    await requestSigningCode(db, kami.acting, id, kamiSignatory);
    const fresh = await lastCode(db, "signer@kami.demo.example");
    const bad = fresh === "000000" ? "000001" : "000000";
    for (let i = 0; i < 5; i++) expect(await sign(bad)).toEqual({ ok: false, error: "mous.sign.codeWrong" });
    expect(await sign(fresh)).toEqual({ ok: false, error: "mous.sign.codeLocked" });
  });

  it("lets only the designated person sign", async () => {
    const signatory = { user_id: kami.actor.user.id, email: "signer@kami.demo.example" };
    expect(can(kami.actor, { action: "mou.sign", signatory })).toBe(true);
    expect(can(ds.actor, { action: "mou.sign", signatory })).toBe(false);
    const invited = { user_id: null, email: "new.person@example.vn" };
    expect(can({ ...ds.actor, user: { ...ds.actor.user, email: "new.person@example.vn", emailVerified: false } }, { action: "mou.sign", signatory: invited })).toBe(false);
    expect(can({ ...ds.actor, user: { ...ds.actor.user, email: "new.person@example.vn" } }, { action: "mou.sign", signatory: invited })).toBe(true);
  });

  it("invites a signatory without an account to sign up, and binds the row to that address's verified account", async () => {
    const { id } = await createMou(db, kami.actor, draft(), "kami", "");
    const party = await db.selectFrom("mou_parties").select("id").where("mou_id", "=", id).where("org_id", "=", "kami").executeTakeFirstOrThrow();
    await addSignatory(db, kami.acting, id, { partyId: party.id, email: "Pho.TGD@kami.example.vn", name: "Phó Tổng Giám đốc", title: null });
    const row = await db.selectFrom("signatories").select(["id", "user_id", "email"]).where("mou_id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: null, email: "pho.tgd@kami.example.vn" });
    const invitation = await db.selectFrom("outbox").select("text_body").where("kind", "=", "mou_signatory_signup").where("to_address", "=", "pho.tgd@kami.example.vn").executeTakeFirstOrThrow();
    expect(invitation.text_body).toContain(`/signup?email=pho.tgd%40kami.example.vn`);
    const newcomer = (verified: boolean) => ({ user: { ...ds.actor.user, id: "newcomer", email: "pho.tgd@kami.example.vn", emailVerified: verified }, memberships: [] });
    await expect(requireOwnSignatory(db, newcomer(false), id, { bind: true })).rejects.toMatchObject({ code: "notFound" });
    await expect(requireOwnSignatory(db, ds.actor, id, { bind: true })).rejects.toMatchObject({ code: "notFound" });
    await db.insertInto("users").values({ id: "newcomer", email: "pho.tgd@kami.example.vn", name: "P", password_hash: null, email_verified_at: nowIso(), created_at: nowIso(), updated_at: nowIso() }).execute();
    await requireOwnSignatory(db, newcomer(true), id, { bind: false });
    expect((await db.selectFrom("signatories").select("user_id").where("id", "=", row.id).executeTakeFirstOrThrow()).user_id).toBeNull();
    await requireOwnSignatory(db, newcomer(true), id, { bind: true });
    expect((await db.selectFrom("signatories").select("user_id").where("id", "=", row.id).executeTakeFirstOrThrow()).user_id).toBe("newcomer");
  });

  it("in sequential order, a later signatory waits for the earlier one", async () => {
    const { id, kamiSignatory, dsSignatory } = await awaitingMou({ order: "sequential" });
    // Only the first in order is invited at once.
    const invited = await db.selectFrom("outbox").select("to_address").where("kind", "=", "mou_sign_invitation").where("subject", "like", `%${(await db.selectFrom("mous").select("reference").where("id", "=", id).executeTakeFirstOrThrow()).reference}%`).execute();
    expect(invited.map((m) => m.to_address)).toEqual(["signer@kami.demo.example"]);
    expect(await requestSigningCode(db, ds.acting, id, dsSignatory)).toEqual({ ok: false, error: "mous.sign.closed.notYourTurn" });
    expect((await signWithCode(kami, "signer@kami.demo.example", id, kamiSignatory)).ok).toBe(true);
    expect((await signWithCode(ds, "signer@3ds.demo.example", id, dsSignatory)).ok).toBe(true);
  });

  it("a decline with a reason sends the MoU back to draft and tells everyone", async () => {
    const { id, dsSignatory } = await awaitingMou();
    expect(await declineMou(db, ds.acting, id, dsSignatory, "Điều 1 cần sửa")).toEqual({ ok: true, complete: false });
    expect((await db.selectFrom("mous").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("draft");
    const told = await db.selectFrom("outbox").select("to_address").where("kind", "=", "mou_declined").where("text_body", "like", "%Điều 1 cần sửa%").execute();
    expect(told.map((m) => m.to_address).sort()).toEqual(["signer@3ds.demo.example", "signer@kami.demo.example"]);
  });

  it("closes signing past its deadline and tells the lead party", async () => {
    const today = vietnamToday();
    const { id, kamiSignatory } = await awaitingMou({ deadline: today });
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await db.updateTable("mous").set({ signing_deadline: "2000-01-01" }).where("id", "=", id).execute();
    expect(await requestSigningCode(db, kami.acting, id, kamiSignatory)).toEqual({ ok: false, error: "mous.sign.closed.deadlinePassed" });
    expect(await closeOverdueSignings(db, ORIGIN, tomorrow)).toBeGreaterThanOrEqual(1);
    expect((await db.selectFrom("mous").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("draft");
    const told = await db.selectFrom("outbox").select("to_address").where("kind", "=", "mou_signing_closed").execute();
    expect(told.map((m) => m.to_address)).toContain("signer@kami.demo.example");
    expect(told.map((m) => m.to_address)).not.toContain("signer@3ds.demo.example");
  });

  it("reminds a pending signatory after 3 days, then every 2, at most 5 times", async () => {
    const { id, dsSignatory } = await awaitingMou();
    await db.updateTable("signatories").set({ status: "signed" }).where("mou_id", "=", id).where("id", "!=", dsSignatory).execute();
    const invitedAt = Date.parse((await db.selectFrom("signatories").select("invited_at").where("id", "=", dsSignatory).executeTakeFirstOrThrow()).invited_at!);
    const day = 86_400_000;
    const count = async () => Number((await db.selectFrom("signatories").select("reminder_count").where("id", "=", dsSignatory).executeTakeFirstOrThrow()).reminder_count);
    await remindSignatories(db, ORIGIN, new Date(invitedAt + 2.9 * day));
    expect(await count()).toBe(0);
    await remindSignatories(db, ORIGIN, new Date(invitedAt + 3.1 * day));
    expect(await count()).toBe(1);
    await remindSignatories(db, ORIGIN, new Date(invitedAt + 4 * day));
    expect(await count()).toBe(1);
    for (let i = 0; i < 8; i++) await remindSignatories(db, ORIGIN, new Date(invitedAt + (5.2 + 2.1 * i) * day));
    expect(await count()).toBe(5);
  });
});
