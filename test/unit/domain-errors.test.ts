import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { DomainError } from "~/lib/domain-error";
import { withDomainErrors } from "~/server/domain-errors.server";

/** A build of one route whose loader and action throw what they are given. */
function buildThrowing(error: unknown): ServerBuild {
  const fail = async () => {
    throw error;
  };
  const route = { id: "routes/x", path: "x", module: { loader: fail, action: fail, default: () => null } };
  return { routes: { [route.id]: route } } as unknown as ServerBuild;
}

async function thrownBy(build: ServerBuild, kind: "loader" | "action", cookie = ""): Promise<unknown> {
  const fn = build.routes["routes/x"].module[kind]!;
  const request = new Request("http://portal.test/x", { headers: { cookie } });
  try {
    await fn({ request, params: {}, context: {} as never });
  } catch (error) {
    return error;
  }
  throw new Error("nothing was thrown");
}

describe("a DomainError thrown by a loader or an action", () => {
  it.each([
    ["notFound", 404, "Not found"],
    ["forbidden", 403, "Forbidden"],
    ["conflict", 409, "Conflict"],
    ["invalid", 400, "Bad request"],
  ] as const)("with the code %s answers %i, as the routes did before", async (code, status, body) => {
    for (const kind of ["loader", "action"] as const) {
      const thrown = await thrownBy(withDomainErrors(buildThrowing(new DomainError(code))), kind);
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(status);
      expect(await (thrown as Response).text()).toBe(body);
    }
  });

  it("carries its message in the reader's language", async () => {
    const build = withDomainErrors(buildThrowing(new DomainError("conflict", { messageKey: "mous.error.partyPending" })));
    const english = (await thrownBy(build, "action", "lang=en")) as Response;
    expect(english.status).toBe(409);
    expect(await english.text()).toMatch(/^A party has not accepted yet/);
    expect(await ((await thrownBy(build, "action")) as Response).text()).toMatch(/^Còn bên chưa chấp nhận/);
  });

  it("leaves every other error as it was", async () => {
    const redirect = new Response(null, { status: 302, headers: { Location: "/login" } });
    expect(await thrownBy(withDomainErrors(buildThrowing(redirect)), "loader")).toBe(redirect);
    const bug = new TypeError("a bug");
    expect(await thrownBy(withDomainErrors(buildThrowing(bug)), "action")).toBe(bug);
  });
});
