import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStatusInputs, refreshStaleCommitmentStatuses, scheduleDailyStatusRefresh, storedStatusOf } from "~/commitments/stored-status.server";
import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import { vietnamToday } from "~/lib/time";
import { signInPersonas, type Persona } from "../helpers/personas";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

describe("the stored commitment status", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
  });
  afterAll(async () => server?.stop());

  /** Every commitment whose stored status or lateness is not what the pure derivation gives for `day`. */
  async function disagreements(day = vietnamToday()) {
    const rows = await server.db.selectFrom("commitments").select(["id", "title_vi", "status", "days_late"]).execute();
    const inputs = await loadStatusInputs(server.db, rows.map((r) => r.id));
    return rows.flatMap((r) => {
      const derived = storedStatusOf(inputs.get(r.id)!, day);
      return derived.status === r.status && derived.days_late === Number(r.days_late)
        ? []
        : [`${r.title_vi}: stored ${r.status}/${r.days_late}, derived ${derived.status}/${derived.days_late}`];
    });
  }

  async function kamiMes() {
    return server.db.selectFrom("commitments").selectAll().where("title_vi", "=", "Triển khai MES tại 5 nhà máy trong tỉnh").executeTakeFirstOrThrow();
  }

  it("agrees with the derived status for every demo commitment, late ones included", async () => {
    expect(await disagreements()).toEqual([]);
    const mes = await kamiMes();
    expect(mes.status).toBe("delayed");
    expect(Number(mes.days_late)).toBeGreaterThan(0);
    expect(mes.status_on).toBe(vietnamToday());
  });

  it("still agrees after a scripted series of confirmed reports: a milestone done, a KPI reached, a milestone reopened", async () => {
    const mes = await kamiMes();
    const milestones = await server.db.selectFrom("milestones").select(["id", "status"]).where("commitment_id", "=", mes.id).orderBy("sort_order").execute();
    const steps: Record<string, string>[] = [
      { note: "Mốc đầu tiên xong", milestone_id: milestones[0].id, milestone_status: "done" },
      { note: "Đạt chỉ tiêu", kpi_value: String(mes.kpi_target) },
      { note: "Mở lại một mốc", kpi_value: "1", milestone_id: milestones[1].id, milestone_status: "in_progress" },
    ];
    const seen = new Set<string>();
    for (const form of steps) {
      expect((await clients.member.post(`/commitments/${mes.id}`, form)).status).toBe(302);
      expect(await disagreements()).toEqual([]);
      // A report counts once another party or staff confirms it: that is when the status moves.
      const update = await server.db.selectFrom("progress_updates").select("id").where("commitment_id", "=", mes.id).where("status", "=", "submitted").executeTakeFirstOrThrow();
      expect((await clients.staff.post(`/commitments/${mes.id}`, { intent: "confirm", update_id: update.id })).status).toBe(302);
      expect(await disagreements()).toEqual([]);
      seen.add((await kamiMes()).status);
    }
    expect(seen.has("done")).toBe(true);
  });

  it("puts a status that only time changed on the commitment's timeline and in the audit log as the portal's doing, once", async () => {
    const day = addDays(vietnamToday(), 45);
    const rows = await server.db.selectFrom("commitments").select(["id", "status"]).execute();
    const inputs = await loadStatusInputs(server.db, rows.map((r) => r.id));
    const changing = rows.filter((r) => storedStatusOf(inputs.get(r.id)!, day).status !== r.status).map((r) => r.id);
    expect(changing.length).toBeGreaterThan(0);
    const byTime = () =>
      server.db.selectFrom("commitment_timeline").select(["commitment_id", "actor_id", "actor_label", "before", "after"]).where("kind", "=", "status.changed").where("after", "like", `%"on":"${day}"%`).execute();
    // Two runs of the same day at once, as two processes on one PostgreSQL database would make them.
    await Promise.all([refreshStaleCommitmentStatuses(server.db, day), refreshStaleCommitmentStatuses(server.db, day)]);
    expect(await refreshStaleCommitmentStatuses(server.db, day)).toBe(0);
    const entries = await byTime();
    expect(entries.map((e) => e.commitment_id).sort()).toEqual([...changing].sort());
    expect(entries.every((e) => e.actor_id === null && e.actor_label === null)).toBe(true);
    // Read on the page of a commitment whose MoU is sealed: only those have a page (rows come in no set order).
    const sealed = await server.db.selectFrom("commitments").select("id").where("tracked", "=", 1).execute();
    const first = entries.find((e) => sealed.some((c) => c.id === e.commitment_id))!;
    expect(JSON.parse(first.before!).status).toBe(rows.find((r) => r.id === first.commitment_id)!.status);
    const audited = await server.db.selectFrom("audit_log").select(["entity_id", "actor_id", "actor_label"]).where("action", "=", "commitment.status.changed").where("after", "like", `%"on":"${day}"%`).execute();
    expect(audited.map((a) => a.entity_id).sort()).toEqual([...changing].sort());
    expect(audited.every((a) => a.actor_id === null && a.actor_label === "portal")).toBe(true);
    const status = (v: string | null) => translate("vi", `commitments.status.${JSON.parse(v!).status}` as MessageKey);
    const page = await clients.staff.get(`/commitments/${first.commitment_id}`);
    expect(await page.text()).toContain(translate("vi", "commitment.timeline.status.changed", { before: status(first.before), after: status(first.after) }));
  });

  it("is re-derived once a day for what only time changes, by one queued job", async () => {
    const later = addDays(vietnamToday(), 400);
    expect(await disagreements(later)).not.toEqual([]);
    expect(await scheduleDailyStatusRefresh(server.db, later)).toBe(true);
    expect(await scheduleDailyStatusRefresh(server.db, later)).toBe(false);
    const job = await server.db.selectFrom("jobs").select(["kind", "payload"]).where("id", "=", `commitment-statuses-${later}`).executeTakeFirstOrThrow();
    expect(job).toEqual({ kind: "commitments.refresh-statuses", payload: JSON.stringify({ day: later }) });
    const total = await server.db.selectFrom("commitments").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    // The server's runner may have taken the job already; either way every row ends derived for that day.
    await refreshStaleCommitmentStatuses(server.db, later);
    expect(await disagreements(later)).toEqual([]);
    expect(await refreshStaleCommitmentStatuses(server.db, later)).toBe(0);
    expect(Number(total.n)).toBeGreaterThan(0);
  });
  /** Commitments whose dashboard copies (decision 0020) differ from what their sources say now. */
  async function copyDisagreements() {
    const rows = await server.db
      .selectFrom("commitments")
      .innerJoin("organizations", "organizations.id", "commitments.org_id")
      .select((eb) => [
        "commitments.title_vi",
        "commitments.tracked",
        "commitments.owner_sector",
        "commitments.owner_province",
        "commitments.overdue_milestones",
        "organizations.sector",
        "organizations.province",
        eb.case().when(eb.exists(eb.selectFrom("agreements").select("agreements.id").whereRef("agreements.mou_id", "=", "commitments.mou_id"))).then(1).else(0).end().as("sealed"),
        eb
          .selectFrom("milestones")
          .select((m) => m.fn.countAll().as("n"))
          .whereRef("milestones.commitment_id", "=", "commitments.id")
          .where("milestones.status", "!=", "done")
          .whereRef("milestones.due_on", "<", "commitments.status_on")
          .where("commitments.cancelled_at", "is", null)
          .as("overdue"),
      ])
      .execute();
    return rows.flatMap((r) =>
      Number(r.tracked) === Number(r.sealed) && r.owner_sector === r.sector && r.owner_province === r.province && Number(r.overdue_milestones) === Number(r.overdue)
        ? []
        : [`${r.title_vi}: tracked ${r.tracked}/${r.sealed}, sector ${r.owner_sector}/${r.sector}, province ${r.owner_province}/${r.province}, overdue ${r.overdue_milestones}/${r.overdue}`],
    );
  }

  it("keeps the dashboard's copies (sealed, owner's sector and province, overdue milestones) true whoever writes", async () => {
    expect(await copyDisagreements()).toEqual([]);
    expect((await server.db.selectFrom("commitments").select("id").where("tracked", "=", 1).limit(1).execute()).length).toBe(1);
    expect((await server.db.selectFrom("commitments").select("id").where("overdue_milestones", ">", 0).limit(1).execute()).length).toBe(1);
    const mes = await kamiMes();
    // An organization's edit, by a plain SQL statement as much as by its form.
    await server.db.updateTable("organizations").set({ sector: "Ngành thử nghiệm", province: "Tỉnh thử nghiệm" }).where("id", "=", mes.org_id).execute();
    expect(await copyDisagreements()).toEqual([]);
    expect((await kamiMes()).owner_sector).toBe("Ngành thử nghiệm");
    // A commitment moved to another owner, and one added to a sealed MoU.
    const other = await server.db.selectFrom("organizations").select("id").where("id", "!=", mes.org_id).where("sector", "is not", null).limit(1).executeTakeFirstOrThrow();
    await server.db.updateTable("commitments").set({ org_id: other.id }).where("id", "=", mes.id).execute();
    expect(await copyDisagreements()).toEqual([]);
    await server.db.updateTable("commitments").set({ org_id: mes.org_id }).where("id", "=", mes.id).execute();
    await server.db
      .insertInto("commitments")
      .values({ id: "copy-test-commitment", mou_id: mes.mou_id, org_id: other.id, title_vi: "Cam kết thử bản sao", due_on: "2030-01-01", created_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .execute();
    expect(await copyDisagreements()).toEqual([]);
    expect(Number((await server.db.selectFrom("commitments").select("tracked").where("id", "=", "copy-test-commitment").executeTakeFirstOrThrow()).tracked)).toBe(1);
    // A seal arriving for an MoU whose commitments were not tracked yet, and taken away again.
    const unsealed = await server.db
      .selectFrom("commitments")
      .select("commitments.mou_id")
      .where("tracked", "=", 0)
      .limit(1)
      .executeTakeFirstOrThrow();
    const model = await server.db.selectFrom("agreements").select("file_id").limit(1).executeTakeFirstOrThrow();
    const version = await server.db.selectFrom("mou_versions").select("id").where("mou_id", "=", unsealed.mou_id).limit(1).executeTakeFirstOrThrow();
    await server.db
      .insertInto("agreements")
      .values({ id: "copy-test-agreement", mou_id: unsealed.mou_id, version_id: version.id, file_id: model.file_id, sha256: "copy-test-sha", verification_code: "COPY-TEST", created_at: new Date().toISOString(), certificate_fingerprint: null })
      .execute();
    expect(await copyDisagreements()).toEqual([]);
    await server.db.deleteFrom("agreements").where("id", "=", "copy-test-agreement").execute();
    expect(await copyDisagreements()).toEqual([]);
    await server.db.deleteFrom("commitments").where("id", "=", "copy-test-commitment").execute();
  });
});
