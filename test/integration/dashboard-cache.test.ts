import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInPersonas, type Persona } from "../helpers/personas";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

/** The number on the dashboard's "delayed" tile for these filters. */
async function delayedTile(client: Client, query = ""): Promise<number> {
  const html = await (await client.get(`/dashboard${query}`)).text();
  return Number(/<span class="tile-value">(\d+)<\/span><span class="tile-label">Chậm tiến độ/.exec(html)![1]);
}

describe("the dashboard's cached figures (decision 0020)", () => {
  let server: TestServer;
  let clients: Record<Persona, Client>;
  beforeAll(async () => {
    server = await startTestServer();
    clients = await signInPersonas(server);
  });
  afterAll(async () => server?.stop());

  it("shows a change made by any writer, even a plain SQL statement, at the next request", async () => {
    const before = await delayedTile(clients.staff);
    expect(await delayedTile(clients.staff)).toBe(before);
    const onTrack = await server.db.selectFrom("commitments").select("id").where("tracked", "=", 1).where("status", "!=", "delayed").limit(1).executeTakeFirstOrThrow();
    await server.db.updateTable("commitments").set({ status: "delayed" }).where("id", "=", onTrack.id).execute();
    expect(await delayedTile(clients.staff)).toBe(before + 1);
  });

  it("counts an organization's new sector at the next request", async () => {
    const delayed = await server.db.selectFrom("commitments").select(["org_id"]).where("tracked", "=", 1).where("status", "=", "delayed").limit(1).executeTakeFirstOrThrow();
    const query = `?sector=${encodeURIComponent("Ngành mới để thử bộ đệm")}`;
    expect(await delayedTile(clients.staff, query)).toBe(0);
    await server.db.updateTable("organizations").set({ sector: "Ngành mới để thử bộ đệm" }).where("id", "=", delayed.org_id).execute();
    expect(await delayedTile(clients.staff, query)).toBeGreaterThan(0);
  });
});
