import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWeeklyDigests } from "~/commitments/digest.server";
import { milestoneReminderKind, milestoneReminderToSend } from "~/commitments/reminders.server";
import { newId } from "~/lib/ids.server";
import { addDays, vietnamToday } from "~/lib/time";
import { Client, DEMO } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { waitUntil } from "../helpers/wait";

const FAST = { REMINDER_POLL_MS: "100" };

/**
 * Reminders are sent by every server process's timer; the unique key of each makes one of them
 * send it. Two real server processes run on one database (PostgreSQL when DATABASE_URL says so),
 * and then one of them is restarted.
 */
describe("commitment reminders and digests", () => {
  let first: TestServer;
  let second: TestServer;
  let commitmentId: string;

  beforeAll(async () => {
    first = await startTestServer(FAST);
    second = await startTestServer(FAST, { beside: first });
    commitmentId = (await first.db.selectFrom("commitments").select("id").where("title_vi", "=", "Triển khai MES tại 5 nhà máy trong tỉnh").executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  const reminderMails = (kind: string) => first.db.selectFrom("outbox").select(["to_address", "subject"]).where("kind", "=", kind).execute();

  it("times milestone reminders 7 days and 1 day before the due date and the day after it is missed", () => {
    const today = "2026-12-01";
    expect(milestoneReminderKind("2026-12-09", today)).toBeNull();
    expect(milestoneReminderKind("2026-12-08", today)).toBe("due-7");
    expect(milestoneReminderKind("2026-12-03", today)).toBe("due-7");
    expect(milestoneReminderKind("2026-12-02", today)).toBe("due-1");
    expect(milestoneReminderKind("2026-12-01", today)).toBe("due-1");
    expect(milestoneReminderKind("2026-11-30", today)).toBe("missed");
    expect(milestoneReminderKind("2026-11-29", today)).toBeNull();
  });

  it("catches up a reminder whose day every process missed, up to 7 days late, the latest one only, never early", () => {
    const today = "2026-12-10";
    expect(milestoneReminderToSend("2026-12-17", today)).toBe("due-7");
    expect(milestoneReminderToSend("2026-12-18", today)).toBeNull();
    expect(milestoneReminderToSend("2026-12-11", today)).toBe("due-1");
    expect(milestoneReminderToSend("2026-12-10", today)).toBe("due-1");
    // Once the milestone is missed, the 1-day-before reminder is past its use: the missed one goes instead.
    expect(milestoneReminderToSend("2026-12-09", today)).toBe("missed");
    expect(milestoneReminderToSend("2026-12-07", today)).toBe("missed");
    // Missed on the 3rd (its reminder due the 3rd): the 10th is 7 days late, the 11th too late.
    expect(milestoneReminderToSend("2026-12-02", today)).toBe("missed");
    expect(milestoneReminderToSend("2026-12-01", today)).toBeNull();
  });

  it("sends a missed reminder whose day no process was running, once, and none past the catch-up window", async () => {
    const now = new Date().toISOString();
    const today = vietnamToday();
    const milestone = (title: string, due: string) => ({ id: newId(), commitment_id: commitmentId, title_vi: title, title_en: null, due_on: due, weight: 1, status: "pending" as const, sort_order: 9, created_at: now, updated_at: now });
    const caughtUp = milestone("Bàn giao tài liệu (nhắc bù)", addDays(today, -4));
    const tooLate = milestone("Bàn giao tài liệu (quá cửa sổ)", addDays(today, -9));
    await first.db.insertInto("milestones").values([caughtUp, tooLate]).execute();
    await waitUntil("the caught-up reminder", async () => Boolean(await first.db.selectFrom("reminders_sent").select("key").where("key", "=", `milestone-missed:${caughtUp.id}:${caughtUp.due_on}`).executeTakeFirst()));
    await new Promise((r) => setTimeout(r, 1000));
    const missed = await reminderMails("commitment.milestone-missed");
    expect(missed.filter((m) => m.subject.includes("(nhắc bù)")).map((m) => m.to_address)).toEqual([DEMO.signerKami]);
    expect(missed.filter((m) => m.subject.includes("(quá cửa sổ)"))).toEqual([]);
    expect(await first.db.selectFrom("reminders_sent").select("key").where("key", "like", `%${tooLate.id}%`).execute()).toEqual([]);
  });

  it("sends each reminder once across two server processes on one database, and not again after a restart", async () => {
    const now = new Date().toISOString();
    const today = vietnamToday();
    const milestoneId = newId();
    await first.db
      .insertInto("milestones")
      .values({ id: milestoneId, commitment_id: commitmentId, title_vi: "Nghiệm thu hệ thống MES (nhắc hạn)", title_en: "MES acceptance (reminder)", due_on: addDays(today, 1), weight: 1, status: "pending", sort_order: 9, created_at: now, updated_at: now })
      .execute();
    const author = await first.db.selectFrom("users").select("id").where("email", "=", DEMO.signerKami).executeTakeFirstOrThrow();
    const fourDaysAgo = new Date(Date.now() - 4 * 86_400_000).toISOString();
    const updateId = newId();
    await first.db
      .insertInto("progress_updates")
      .values({ id: updateId, commitment_id: commitmentId, author_id: author.id, note: "Báo cáo chờ xác nhận đã lâu", status: "submitted", submitted_at: fourDaysAgo, created_at: fourDaysAgo, kpi_value: null, milestone_id: null, milestone_status: null })
      .execute();

    const keys = [`milestone-due-1:${milestoneId}:${addDays(today, 1)}`, `confirm-reminder:${updateId}:${fourDaysAgo}`];
    await waitUntil("both reminders", async () => (await first.db.selectFrom("reminders_sent").select("key").where("key", "in", keys).execute()).length === 2);
    // Let both processes run many more rounds over the same reminders.
    await new Promise((r) => setTimeout(r, 1500));
    const due = (await reminderMails("commitment.milestone-due-1")).filter((m) => m.subject.includes("Nghiệm thu hệ thống MES"));
    expect(due.map((m) => m.to_address)).toEqual([DEMO.signerKami]);
    const confirm = await reminderMails("commitment.confirm-reminder");
    expect(confirm.map((m) => m.to_address)).toEqual([DEMO.signer3ds]);

    await second.stop();
    second = await startTestServer(FAST, { beside: first });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await reminderMails("commitment.milestone-due-1")).filter((m) => m.subject.includes("Nghiệm thu hệ thống MES"))).toHaveLength(1);
    expect(await reminderMails("commitment.confirm-reminder")).toHaveLength(1);
  });

  it("sends the weekly digest on Monday from 08:00 in Vietnam, once, in each reader's language, and not to whoever turned it off", async () => {
    const kamiAdmin = await first.db.selectFrom("users").select("id").where("email", "=", DEMO.signerKami).executeTakeFirstOrThrow();
    await first.db.updateTable("users").set({ locale: "en" }).where("id", "=", kamiAdmin.id).execute();
    const signer3ds = new Client(first.baseUrl);
    await signer3ds.signIn(DEMO.signer3ds);
    expect((await signer3ds.get("/account")).status).toBe(200);
    const off = await signer3ds.post("/account", { intent: "digest" });
    expect(off.status).toBe(302);
    expect(await (await signer3ds.follow(off)).text()).toContain("Bạn sẽ không nhận bản tin cam kết hằng tuần.");

    // Monday 7 December 2026: 07:59 is too early, 08:00 in Vietnam (01:00 UTC) is the time.
    expect(await sendWeeklyDigests(first.db, new Date("2026-12-07T00:59:00Z"))).toBe(0);
    expect(await sendWeeklyDigests(first.db, new Date("2026-12-08T01:00:00Z"))).toBe(0);
    const sent = await sendWeeklyDigests(first.db, new Date("2026-12-07T01:00:00Z"));
    expect(sent).toBeGreaterThan(0);
    expect(await sendWeeklyDigests(first.db, new Date("2026-12-07T03:00:00Z"))).toBe(0);
    const digests = await first.db.selectFrom("outbox").select(["to_address", "subject", "text_body"]).where("kind", "=", "commitment.digest").execute();
    expect(digests).toHaveLength(sent);
    const kami = digests.filter((d) => d.to_address === DEMO.signerKami);
    expect(kami).toHaveLength(1);
    expect(kami[0]!.subject).toContain("Commitments to look at this week");
    expect(kami[0]!.text_body).toContain("Milestones past due:");
    expect(kami[0]!.text_body).toContain("/account");
    expect(digests.some((d) => d.to_address === DEMO.signer3ds)).toBe(false);
  });
});
