import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "~/demo/seed.server";
import { recordRevocationCheck } from "~/mous/own-signature-revocation.server";
import type { DB } from "~db/schema";
import { makeCrl, TestCrlServer } from "../helpers/crl";
import { openMigratedDatabase } from "../helpers/database";
import { makeCertificate } from "../helpers/tsa";

process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "portal-revocation-"));

/**
 * Whether a signatory's own certificate is revoked (decision 0023): the job asks the CRL the
 * certificate names, served here on loopback, signed by a test issuing CA.
 */
describe("revocation of a signatory's own certificate", async () => {
  const crl = await TestCrlServer.start();
  const root = makeCertificate({ commonName: "Test Licensed Root CA", ca: true });
  const issuing = makeCertificate({ commonName: "Test Licensed Issuing CA", ca: true, issuer: root });
  const signer = makeCertificate({ commonName: "Đỗ Thị Thu Trang", issuer: issuing, uid: "MST:0101234567", crlUrl: crl.url });
  const other = makeCertificate({ commonName: "Nguyễn Văn A", issuer: issuing, uid: "MST:0109999999", crlUrl: crl.url });
  const stranger = makeCertificate({ commonName: "Other CA", ca: true });
  const noCdp = makeCertificate({ commonName: "Đỗ Thị Thu Trang", issuer: issuing, uid: "MST:0101234567" });
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: DB;
  let signatory: { id: string; mou_id: string };

  beforeAll(async () => {
    database = await openMigratedDatabase();
    db = database.db;
    await seedDemoData(db);
    signatory = await db.selectFrom("signatories").select(["id", "mou_id"]).executeTakeFirstOrThrow();
  });
  afterAll(async () => {
    await crl.stop();
    await database?.close();
  });

  const check = async (cert: typeof signer, run = { id: "job", attempts: 1, lastAttempt: false }) => {
    await recordRevocationCheck(db, { mouId: signatory.mou_id, signatoryId: signatory.id, chain: [cert.der.toString("base64"), issuing.der.toString("base64")], signedAt: new Date().toISOString() }, run);
    return db.selectFrom("signatories").select(["revocation_status", "revocation_note", "revocation_checked_at"]).where("id", "=", signatory.id).executeTakeFirstOrThrow();
  };
  const lastAudit = async () => {
    const row = await db.selectFrom("audit_log").select("after").where("action", "=", "mou.signature_revocation").orderBy("seq", "desc").executeTakeFirstOrThrow();
    return JSON.parse(row.after!);
  };

  it("records good when the issuer's current CRL does not list the serial", async () => {
    crl.crl = await makeCrl(issuing, [other]);
    const row = await check(signer);
    expect(row).toMatchObject({ revocation_status: "good", revocation_note: null });
    expect(row.revocation_checked_at).toBeTruthy();
    expect(await lastAudit()).toMatchObject({ signatory: signatory.id, revocation: "good" });
  });

  it("records revoked when the serial is listed before the signature", async () => {
    crl.crl = await makeCrl(issuing, [other, signer]);
    const row = await check(signer);
    expect(row.revocation_status).toBe("revoked");
    expect(await lastAudit()).toMatchObject({ revocation: "revoked" });
  });

  it("keeps good, with a note, a certificate revoked only after it signed", async () => {
    crl.crl = await makeCrl(issuing, [signer], new Date(Date.now() + 60_000));
    const row = await check(signer);
    expect(row.revocation_status).toBe("good");
    expect(row.revocation_note).toContain("revoked after signing");
  });

  it("does not believe a CRL signed by another CA", async () => {
    crl.crl = await makeCrl(stranger, []);
    const row = await check(signer);
    expect(row.revocation_status).toBe("unavailable");
    expect(row.revocation_note).toContain("not signed by the issuing CA");
  });

  it("notes a certificate that names no CRL, without asking again", async () => {
    const row = await check(noCdp);
    expect(row).toMatchObject({ revocation_status: "unavailable", revocation_note: "the certificate names no CRL distribution point" });
  });

  it("with the CA's server down: unavailable with the reason, and the job fails to be retried until its last attempt", async () => {
    crl.failing = true;
    await expect(check(signer)).rejects.toThrow(/revocation unavailable/);
    const row = await check(signer, { id: "job", attempts: 8, lastAttempt: true });
    expect(row.revocation_status).toBe("unavailable");
    expect(row.revocation_note).toContain("HTTP 503");
    expect(await lastAudit()).toMatchObject({ revocation: "unavailable", attempt: 8 });
    crl.failing = false;
  });
});
