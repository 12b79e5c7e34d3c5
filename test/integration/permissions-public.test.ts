import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORUM_SLUG } from "~/demo/demo-data";
import { expectAll, runMatrix, signInPersonas, type Persona } from "../helpers/personas";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

describe("permission matrix: public pages", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
  });
  afterAll(async () => server?.stop());

  it("lets everyone read the public pages", async () => {
    const problems = await runMatrix(clients, [
      { route: "GET /", expect: expectAll("ok") },
      { route: "GET /events", expect: expectAll("ok") },
      { route: `GET /events/${FORUM_SLUG}`, expect: expectAll("ok") },
      { route: "GET /healthz", expect: expectAll("ok") },
      { route: "GET /login", expect: expectAll("redirect", { visitor: "ok" }) },
    ]);
    expect(problems).toEqual([]);
  });
});
