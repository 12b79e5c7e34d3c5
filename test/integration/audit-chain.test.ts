import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditChainHead, checkNotedEntry, hashAuditEntry, keyLegacyAuditChain, recordAudit, verifyAuditChain } from "~/audit/audit-log.server";
import type { AuditEntry, DB } from "~db/schema";
import { openMigratedDatabase } from "../helpers/database";
import { Client, DEMO } from "../helpers/http";
import { runPortalTask } from "../helpers/commands";
import { startTestServer, type TestServer } from "../helpers/server";


// This process's audit chain key is made in a throwaway DATA_DIR, as the portal makes its own.
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "portal-audit-"));

/** Rewrites entries from `from` onward as someone with the table but not the key would: a plausible chain under another hash. */
async function rechain(db: DB, from: number, key: Buffer | null) {
  const rows = await db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
  let prev = rows.find((r) => Number(r.seq) === from - 1)?.hash ?? "0".repeat(64);
  for (const row of rows.filter((r) => Number(r.seq) >= from)) {
    const { hash: _old, ...fields } = row;
    const hash = hashAuditEntry({ ...fields, prev_hash: prev }, key);
    await db.updateTable("audit_log").set({ prev_hash: prev, hash }).where("id", "=", row.id).execute();
    prev = hash;
  }
}

describe("the keyed audit chain (data layer)", () => {
  let handle: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: DB;
  let intact: AuditEntry[];

  beforeAll(async () => {
    handle = await openMigratedDatabase();
    db = handle.db;
    for (let i = 1; i <= 6; i += 1) {
      await db.transaction().execute((trx) =>
        recordAudit(trx, { actorId: null, actorLabel: `user${i}@example.vn`, action: "org.verified", entityType: "organization", entityId: `org-${i}`, after: { verified: true }, ip: "198.51.100.7" }),
      );
    }
    intact = await db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
  });
  afterAll(async () => handle?.close());

  // Every test starts from the same intact chain.
  beforeEach(async () => {
    await db.deleteFrom("audit_log").execute();
    await db.insertInto("audit_log").values(intact).execute();
  });

  it("verifies the intact chain, hashed under the key rather than plain SHA-256", async () => {
    expect(await verifyAuditChain(db)).toBeNull();
    const { hash, ...fields } = intact[0];
    expect(hashAuditEntry(fields, null)).not.toBe(hash);
  });

  it("names an edited row", async () => {
    await db.updateTable("audit_log").set({ ip: "203.0.113.9" }).where("seq", "=", 3).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ seq: 3, reason: "content does not match its hash" });
  });

  it("names the gap a deleted middle row leaves", async () => {
    await db.deleteFrom("audit_log").where("seq", "=", 4).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ seq: 5, reason: "expected entry 4" });
  });

  it("finds entries deleted from the end by the last number and hash noted earlier", async () => {
    const noted = (await auditChainHead(db))!;
    expect(noted.seq).toBe(6);
    await db.deleteFrom("audit_log").where("seq", ">=", 5).execute();
    // The shorter chain is consistent in itself: only the noted head shows what is gone.
    expect(await verifyAuditChain(db)).toBeNull();
    expect(await checkNotedEntry(db, noted)).toContain("entry #6 is missing");
    expect(await checkNotedEntry(db, { seq: 4, hash: intact[3].hash })).toBeNull();
  });

  it("catches a forged entry with the chain recomputed from it onward, without the key", async () => {
    await db.updateTable("audit_log").set({ actor_label: "someone-else@example.vn" }).where("seq", "=", 2).execute();
    await rechain(db, 2, null);
    expect(await verifyAuditChain(db)).toMatchObject({ seq: 2, reason: "content does not match its hash" });
    await rechain(db, 2, crypto.randomBytes(32));
    expect(await verifyAuditChain(db)).toMatchObject({ seq: 2, reason: "content does not match its hash" });
  });

  describe("carrying over a log written before the chain was keyed", () => {
    it("re-keys a chain that verifies unkeyed once, content unchanged, and records it", async () => {
      await rechain(db, 1, null);
      const unkeyedHead = (await auditChainHead(db))!;
      expect(await verifyAuditChain(db)).not.toBeNull();

      expect(await keyLegacyAuditChain(db)).toBe(6);
      expect(await verifyAuditChain(db)).toBeNull();
      const rows = await db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
      expect(rows.slice(0, 6).map((r) => [r.id, r.actor_label, r.after])).toEqual(intact.map((r) => [r.id, r.actor_label, r.after]));
      expect(rows[6]).toMatchObject({ seq: 7, action: "audit.chain_keyed" });
      expect(JSON.parse(rows[6].after!)).toEqual({ entries: 6, unkeyedLastHash: unkeyedHead.hash });
      expect(await keyLegacyAuditChain(db)).toBe(0);
    });

    it("leaves a chain that verifies under neither hash for audit:verify to report", async () => {
      await rechain(db, 1, null);
      await db.updateTable("audit_log").set({ ip: "203.0.113.9" }).where("seq", "=", 3).execute();
      expect(await keyLegacyAuditChain(db)).toBe(0);
      expect(await verifyAuditChain(db)).toMatchObject({ seq: 1 });
      expect((await db.selectFrom("audit_log").select("action").where("action", "=", "audit.chain_keyed").execute()).length).toBe(0);
    });

    it("never re-keys a chain that was keyed once and then rewritten unkeyed", async () => {
      await rechain(db, 1, null);
      await keyLegacyAuditChain(db);
      await db.updateTable("audit_log").set({ actor_label: "someone-else@example.vn" }).where("seq", "=", 2).execute();
      await rechain(db, 1, null);
      expect(await keyLegacyAuditChain(db)).toBe(0);
      expect(await verifyAuditChain(db)).toMatchObject({ seq: 1 });
    });

    it("a forged log passed off as never keyed is re-keyed, but the noted head shows the rewrite", async () => {
      const noted = (await auditChainHead(db))!;
      await db.updateTable("audit_log").set({ actor_label: "someone-else@example.vn" }).where("seq", "=", 2).execute();
      await rechain(db, 1, null);
      expect(await keyLegacyAuditChain(db)).toBe(6);
      expect(await verifyAuditChain(db)).toBeNull();
      expect(await checkNotedEntry(db, noted)).toContain("the log was rewritten");
    });
  });
});

describe("npm run audit:verify", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const staff = new Client(server.baseUrl);
    await staff.signIn(DEMO.staff);
    await staff.post("/orgs/ntt", { intent: "verify" });
  });
  afterAll(async () => server?.stop());

  const verify = (args: string[] = [], env: Record<string, string> = {}) => runPortalTask(server, ["audit:verify", ...args], env);

  it("keeps its key in DATA_DIR, readable by the portal's user only", () => {
    const stat = fs.statSync(path.join(server.dataDir, "audit-chain.key"));
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it("prints the last entry's number and hash, and with --expect finds entries deleted from the end", async () => {
    const first = await verify();
    expect(first.code).toBe(0);
    const head = await server.db.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    const noted = `${head.seq}:${head.hash}`;
    expect(first.output).toContain(`Last entry: ${noted}`);
    expect((await verify(["--expect", noted])).code).toBe(0);

    await server.db.deleteFrom("audit_log").where("seq", "=", head.seq).execute();
    expect((await verify()).code).toBe(0);
    const truncated = await verify(["--expect", noted]);
    expect(truncated.code).toBe(1);
    expect(truncated.output).toContain(`entry #${head.seq} is missing`);
  });

  it("refuses a malformed --expect, and a check without the portal's key", async () => {
    expect((await verify(["--expect", "7"])).code).toBe(2);
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "portal-nokey-"));
    try {
      const keyless = await verify([], { DATA_DIR: elsewhere });
      expect(keyless.code).toBe(2);
      expect(keyless.output).toContain("AUDIT_CHAIN_KEY");
      expect(fs.existsSync(path.join(elsewhere, "audit-chain.key"))).toBe(false);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("fails under another key: the chain is bound to the portal's", async () => {
    const other = await verify([], { AUDIT_CHAIN_KEY: "x".repeat(40) });
    expect(other.code).toBe(1);
    expect(other.output).toContain("BROKEN at entry #1");
  });
});
