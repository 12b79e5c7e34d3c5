import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, delegatingOrgIds, type Actor } from "~/auth/permissions.server";
import type { SessionUser } from "~/auth/lucia.server";
import { listManageableEvents, managingOrgIds } from "~/events/manage.server";
import type { DB, EventOrgRole } from "~db/schema";
import { openMigratedDatabase } from "../helpers/database";

const AT = "2026-12-01T00:00:00.000Z";
const ORGS = ["host-org", "co-org", "sponsor-org", "outside-org"];

function actorOf(id: string, roles: { staff?: boolean; organizer?: boolean }, orgIds: string[]): Actor {
  const user: SessionUser = { id, email: `${id}@example.vn`, name: id, locale: "vi", isStaff: !!roles.staff, isOrganizer: !!roles.organizer, emailVerified: true };
  return { user, memberships: orgIds.map((org_id) => ({ org_id, role: "member" as const })) };
}

/** Everyone whose view of the organizer's screens differs: by role, by authorship, by the organization's part in the event. */
const ACTORS: Record<string, Actor> = {
  visitor: { user: null, memberships: [] },
  member: actorOf("member", {}, ["host-org"]),
  author: actorOf("author", { organizer: true }, []),
  hostOrganizer: actorOf("host-organizer", { organizer: true }, ["host-org"]),
  coOrganizer: actorOf("co-organizer", { organizer: true }, ["co-org"]),
  sponsorOrganizer: actorOf("sponsor-organizer", { organizer: true }, ["sponsor-org"]),
  loneOrganizer: actorOf("lone-organizer", { organizer: true }, ["outside-org"]),
  staff: actorOf("staff", { staff: true }, []),
};

/** Events by who made them and which organizations take which part. */
const EVENTS: { id: string; createdBy: string | null; orgs: [string, EventOrgRole][] }[] = [
  { id: "by-author", createdBy: "author", orgs: [] },
  { id: "hosted", createdBy: null, orgs: [["host-org", "host"], ["sponsor-org", "sponsor"]] },
  { id: "co-organized", createdBy: "staff", orgs: [["co-org", "co_organizer"]] },
  { id: "partnered", createdBy: null, orgs: [["sponsor-org", "partner"], ["outside-org", "sponsor"]] },
];

async function insertFixtures(db: DB) {
  for (const id of ORGS) {
    await db.insertInto("organizations").values({ id, name_vi: id, name_en: id, short_name: null, kind: "enterprise", country: "VN", province: null, sector: null, website: null, logo_file_id: null, description_vi: null, description_en: null, verified_at: null, verified_by: null, created_at: AT, updated_at: AT }).execute();
  }
  for (const actor of Object.values(ACTORS)) {
    if (!actor.user) continue;
    const u = actor.user;
    await db.insertInto("users").values({ id: u.id, email: u.email, name: u.name, password_hash: null, email_verified_at: AT, is_staff: u.isStaff ? 1 : 0, is_organizer: u.isOrganizer ? 1 : 0, phone: null, position: null, disabled_at: null, created_at: AT, updated_at: AT }).execute();
  }
  for (const [i, e] of EVENTS.entries()) {
    await db
      .insertInto("events")
      .values({ id: e.id, slug: e.id, kind: "workshop", status: "published", title_vi: e.id, title_en: e.id, summary_vi: "", summary_en: "", description_vi: null, description_en: null, venue_vi: "", venue_en: "", address: null, starts_at: `2027-01-0${i + 1}T01:00:00.000Z`, ends_at: `2027-01-0${i + 1}T09:00:00.000Z`, capacity: 10, registration_opens_at: null, registration_closes_at: null, cover_file_id: null, created_by: e.createdBy, published_at: AT, cancelled_at: null, reminder_sent_at: null, created_at: AT, updated_at: AT })
      .execute();
    for (const [org, role] of e.orgs) await db.insertInto("event_organizations").values({ id: `${e.id}-${org}`, event_id: e.id, org_id: org, role }).execute();
  }
}

describe("lists filtered by the permission module's rules (data layer)", () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  beforeAll(async () => {
    database = await openMigratedDatabase();
    await insertFixtures(database.db);
  });
  afterAll(async () => database?.close());

  it("the organizer's event list holds exactly the events whose management pages open", async () => {
    const db = database.db;
    const disagreements: string[] = [];
    const listed: Record<string, string[]> = {};
    for (const [name, actor] of Object.entries(ACTORS)) {
      listed[name] = (await listManageableEvents(db, actor)).rows.map((e) => e.id).sort();
      for (const e of EVENTS) {
        const page = can(actor, { action: "event.manage", event: { created_by: e.createdBy, hostOrgIds: await managingOrgIds(db, e.id) } });
        if (page !== listed[name].includes(e.id)) disagreements.push(`${name} / ${e.id}: page ${page ? "opens" : "refuses"}, list ${page ? "hides" : "shows"} it`);
      }
    }
    expect(disagreements).toEqual([]);
    // The rule itself: authorship, or a host or co-organizer organization; sponsors and partners never.
    expect(listed).toEqual({
      visitor: [],
      member: [],
      author: ["by-author"],
      hostOrganizer: ["hosted"],
      coOrganizer: ["co-organized"],
      sponsorOrganizer: [],
      loneOrganizer: [],
      staff: ["by-author", "co-organized", "hosted", "partnered"],
    });
  });

  it("a delegation may be registered for exactly the organizations offered for one", () => {
    for (const [name, actor] of Object.entries(ACTORS)) {
      const offered = delegatingOrgIds(actor);
      const allowed = ORGS.filter((orgId) => can(actor, { action: "event.delegate", orgId }));
      expect({ name, offered }).toEqual({ name, offered: allowed });
    }
    // Any member may, not only admins; staff only for an organization they belong to.
    expect(can(ACTORS.member, { action: "event.delegate", orgId: "host-org" })).toBe(true);
    expect(can(ACTORS.member, { action: "event.delegate", orgId: "co-org" })).toBe(false);
    expect(can(ACTORS.staff, { action: "event.delegate", orgId: "host-org" })).toBe(false);
    expect(can(ACTORS.visitor, { action: "event.delegate", orgId: "host-org" })).toBe(false);
  });
});
