// Public pages against a static asset served by the same server (autocannon, 20 connections), and the
// server's memory meanwhile.
import autocannon from "autocannon";
import { freshDatabase, residentMiB, startServer } from "./lib/server.mjs";

const CONNECTIONS = 20;
// The demo forum (FORUM_SLUG in app/demo/demo-data.ts).
const FORUM = "/events/dien-dan-kinh-te-so-vinh-phuc";

async function hammer(url, seconds, headers = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

export default async function run({ root, quick }) {
  const seconds = quick ? 2 : 15;
  const database = await freshDatabase("sqlite");
  const server = await startServer(root, { databaseUrl: database.url });
  const rows = [];
  try {
    const home = await (await fetch(server.baseUrl)).text();
    const asset = /href="(\/build\/[^"]+\.css)"/.exec(home)?.[1];
    if (!asset) throw new Error("no stylesheet under /build on the home page");
    // Browsers ask for compression; the figures should too.
    const headers = { "accept-encoding": "br, gzip" };
    let peak = residentMiB(server.pid);
    const sampler = setInterval(() => (peak = Math.max(peak, residentMiB(server.pid))), 250);
    const idle = peak;
    const stat = await hammer(`${server.baseUrl}${asset}`, seconds, headers);
    rows.push({ section: "pages", name: "static asset (stylesheet)", value: stat.rps, unit: "req/s" });
    rows.push({ section: "pages", name: "static asset p99", value: stat.p99, unit: "ms" });
    for (const [name, path] of [["home /", "/"], ["events /events", "/events"], [`forum ${FORUM}`, FORUM]]) {
      const page = await hammer(`${server.baseUrl}${path}`, seconds, headers);
      const reference = { name: "static asset req/s", value: stat.rps };
      rows.push({ section: "pages", name, value: page.rps, unit: "req/s", reference, target: "≥ 0.5× static", met: page.rps >= 0.5 * stat.rps });
      rows.push({ section: "pages", name: `${name} p99`, value: page.p99, unit: "ms", target: "< 50 ms", met: page.p99 < 50 });
    }
    clearInterval(sampler);
    rows.push({ section: "memory", name: "server resident memory, idle", value: idle, unit: "MiB" });
    rows.push({ section: "memory", name: "server resident memory, peak during the page run", value: peak, unit: "MiB", reference: { name: "idle MiB", value: idle } });
  } finally {
    await server.stop();
    await database.drop();
  }
  return rows;
}
