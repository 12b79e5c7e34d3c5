import { describe, expect, it } from "vitest";
import { can, type Actor } from "~/auth/permissions.server";
import { TaxCodeSchema } from "~/orgs/org.schema";

function actor(user: Partial<NonNullable<Actor["user"]>>, memberships: Actor["memberships"] = []): Actor {
  return { user: { id: "u", email: "a@b.vn", name: "A", isStaff: false, isOrganizer: false, emailVerified: true, disabled: false, ...user } as NonNullable<Actor["user"]>, memberships };
}

describe("organization onboarding rules", () => {
  it("lets only a confirmed address register an organization or ask to join one", () => {
    expect(can(actor({}), { action: "org.register" })).toBe(true);
    expect(can(actor({ emailVerified: false }), { action: "org.register" })).toBe(false);
    expect(can(actor({ emailVerified: false }), { action: "org.join" })).toBe(false);
    expect(can({ user: null, memberships: [] }, { action: "org.register" })).toBe(false);
  });

  it("leaves a join request to the organization's own admins, not staff, members or other admins", () => {
    const decide = { action: "org.join.decide", orgId: "newco" } as const;
    expect(can(actor({}, [{ org_id: "newco", role: "admin" }]), decide)).toBe(true);
    expect(can(actor({}, [{ org_id: "newco", role: "member" }]), decide)).toBe(false);
    expect(can(actor({}, [{ org_id: "kami", role: "admin" }]), decide)).toBe(false);
    expect(can(actor({ isStaff: true }), decide)).toBe(false);
  });

  it("accepts a tax code of 10 or 13 digits, written with a branch dash or spaces, and nothing else", () => {
    expect(TaxCodeSchema.parse("0101234567")).toBe("0101234567");
    expect(TaxCodeSchema.parse(" 0101234567-001 ")).toBe("0101234567001");
    expect(TaxCodeSchema.parse("0101 234 567")).toBe("0101234567");
    for (const bad of ["", "010123456", "01012345678", "010123456700", "01012345670011", "010123456A"]) {
      expect(TaxCodeSchema.safeParse(bad).success).toBe(false);
    }
  });
});
