// A registration rush (1,000 people for 300 seats) on SQLite and PostgreSQL, against /healthz on the
// same server; and the check that it was never oversold.
import crypto from "node:crypto";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import { freshDatabase, startServer } from "./lib/server.mjs";

const CONNECTIONS = 20;

/** A published workshop open for registration, written straight into the database the server made. */
async function createEvent(url, capacity) {
  const id = crypto.randomUUID();
  const now = Date.now();
  const iso = (hours) => new Date(now + hours * 3_600_000).toISOString();
  const event = {
    id, slug: `bench-rush-${id.slice(0, 8)}`, kind: "workshop", status: "published",
    title_vi: "Hội thảo đo tải (dữ liệu mẫu)", title_en: "Load test workshop (sample data)",
    summary_vi: "Dữ liệu mẫu", summary_en: "Sample data", venue_vi: "Hội trường", venue_en: "Hall",
    starts_at: iso(240), ends_at: iso(248), capacity, registration_opens_at: iso(-1), requires_approval: 0,
    questions: "[]", published_at: iso(-1), created_at: iso(-2), updated_at: iso(-2),
  };
  const columns = Object.keys(event);
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length));
    db.prepare(`INSERT INTO events (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(...Object.values(event));
    db.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`INSERT INTO events (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`, Object.values(event));
    await client.end();
  }
  return event;
}

async function seatsTaken(url, eventId) {
  const sql = "SELECT status, COUNT(*) AS n FROM registrations WHERE event_id = $1 GROUP BY status";
  let rows;
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { readonly: true });
    rows = db.prepare(sql.replace("$1", "?")).all(eventId);
    db.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    rows = (await client.query(sql, [eventId])).rows;
    await client.end();
  }
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

async function rush(baseUrl, slug, people) {
  let n = 0;
  const started = performance.now();
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    amount: people,
    requests: [
      {
        method: "POST",
        path: `/events/${slug}/register`,
        headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
        setupRequest(request) {
          const i = n++;
          const body = new URLSearchParams({ name: `Người tham dự mẫu ${i}`, email: `rush${i}@bench.example`, organization: "Mẫu", position: "Kỹ sư", consent: "on" });
          return { ...request, body: body.toString() };
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  const redirects = result["3xx"] ?? 0;
  if (redirects !== people) throw new Error(`${redirects} of ${people} registrations answered with a redirect (${result.non2xx} non-2xx, ${result.errors} errors)`);
  return people / seconds;
}

export default async function run({ root, quick }) {
  const people = quick ? 200 : 1000;
  const seats = quick ? 60 : 300;
  const rows = [];
  for (const dialect of ["sqlite", "postgres"]) {
    const database = await freshDatabase(dialect);
    if (!database) {
      console.log("   no PostgreSQL answers: its rush is skipped");
      continue;
    }
    const server = await startServer(root, { databaseUrl: database.url, env: (baseUrl) => ({ DEMO_DATA: "off", PUBLIC_URL: baseUrl }) });
    try {
      const health = await autocannon({ url: `${server.baseUrl}/healthz`, connections: CONNECTIONS, duration: quick ? 2 : 10 });
      const event = await createEvent(database.url, seats);
      const rate = await rush(server.baseUrl, event.slug, people);
      const target = dialect === "postgres" ? "≥ 300/s" : "≥ 0.5× /healthz";
      const met = dialect === "postgres" ? rate >= 300 : rate >= 0.5 * health.requests.average;
      rows.push({ section: "registrations", name: `${people} people for ${seats} seats, ${dialect}`, value: rate, unit: "reg/s", reference: { name: "/healthz req/s", value: health.requests.average }, target, met });
      const held = await seatsTaken(database.url, event.id);
      const confirmed = held.confirmed ?? 0;
      rows.push({ section: "registrations", name: `seats given, ${dialect}`, value: confirmed, unit: "seats", target: `= ${seats}, never more`, met: confirmed === seats && (held.waitlisted ?? 0) === people - seats });
    } finally {
      await server.stop();
      await database.drop();
    }
  }
  return rows;
}
