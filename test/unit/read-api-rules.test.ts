import { describe, expect, it } from "vitest";
import { encodeCursor, pageOf, parseApiQuery } from "~/api/api.schema";
import { bearerToken } from "~/api/tokens.server";
import { can, type Actor } from "~/auth/permissions.server";

function actor(user: Partial<NonNullable<Actor["user"]>>, memberships: Actor["memberships"] = []): Actor {
  return { user: { id: "u", email: "a@b.vn", name: "A", locale: "vi", isStaff: false, isOrganizer: false, emailVerified: true, ...user }, memberships };
}

describe("read API rules", () => {
  it("lets staff and organization admins hold tokens, and no member, organizer or visitor only for that", () => {
    const create = { action: "api.token.create" } as const;
    expect(can(actor({ isStaff: true }), create)).toBe(true);
    expect(can(actor({}, [{ org_id: "kami", role: "admin" }]), create)).toBe(true);
    expect(can(actor({}, [{ org_id: "kami", role: "member" }]), create)).toBe(false);
    expect(can(actor({ isOrganizer: true }), create)).toBe(false);
    expect(can({ user: null, memberships: [] }, create)).toBe(false);
  });

  it("takes a token only from an Authorization: Bearer header of the portal's own shape", () => {
    const token = `ifp_${"a".repeat(43)}`;
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer  ${token} `)).toBe(token);
    for (const header of [null, "", token, `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token} extra`, "Bearer ifp_short"]) expect(bearerToken(header)).toBeNull();
  });

  it("reads filters, limit and cursor, and names the parameter it refuses", () => {
    const ok = parseApiQuery("commitments", new URLSearchParams({ status: "delayed", owner: "kami", limit: "25", cursor: encodeCursor("abc123") }));
    expect(ok).toEqual({ ok: true, query: { filters: expect.objectContaining({ status: "delayed", owner: "kami" }), limit: 25, after: "abc123" } });
    expect(parseApiQuery("mous", new URLSearchParams())).toMatchObject({ ok: true, query: { limit: 50, after: null } });
    const refused = (qs: string) => {
      const result = parseApiQuery("commitments", new URLSearchParams(qs));
      return result.ok ? null : result.parameter;
    };
    expect(refused("limit=101")).toBe("limit");
    expect(refused("limit=1e2")).toBe("limit");
    expect(refused("status=late")).toBe("status");
    expect(refused("owner=a%20b")).toBe("owner");
    expect(refused("__proto__=x")).toBe("__proto__");
    expect(refused("mou=a&mou=b")).toBe("mou");
    expect(refused(`cursor=${encodeCursor("abc")}=`)).toBe("cursor");
    expect(refused(`cursor=${encodeCursor("a b")}`)).toBe("cursor");
  });

  it("turns limit + 1 rows into a page and a cursor after its last item", () => {
    const rows = [{ id: "a" }, { id: "b" }, { id: "c" }];
    expect(pageOf(rows, 2)).toEqual({ data: [{ id: "a" }, { id: "b" }], next: encodeCursor("b") });
    expect(pageOf(rows, 3)).toEqual({ data: rows, next: null });
  });
});
