import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";

describe("static files", () => {
  let server: TestServer;
  let stylesheet: string;
  beforeAll(async () => {
    server = await startTestServer();
    const home = await (await fetch(`${server.baseUrl}/`)).text();
    stylesheet = /href="(\/build\/[^"]+\.css)"/.exec(home)?.[1] ?? "";
  });
  afterAll(async () => server?.stop());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}${path}`, { headers, redirect: "manual" });
  const raw = async (path: string, encoding: string) => {
    // fetch would decode the body; node:http hands over the bytes as sent.
    const http = await import("node:http");
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      http
        .get(`${server.baseUrl}${path}`, { headers: { "accept-encoding": encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
  };

  it("sends the built stylesheet compressed as the browser accepts, cached for good, with a strong ETag and 304", async () => {
    expect(stylesheet).toMatch(/^\/build\//);
    const identity = await raw(stylesheet, "identity");
    expect(identity.status).toBe(200);
    expect(identity.headers["content-encoding"]).toBeUndefined();
    const br = await raw(stylesheet, "gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.body.length).toBeLessThan(identity.body.length / 2);
    expect(zlib.brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
    const gzip = await raw(stylesheet, "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzip.body).equals(identity.body)).toBe(true);
    expect(br.headers["content-type"]).toMatch(/^text\/css/);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    const etag = String(br.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(gzip.headers.etag).toBe(etag);
    const again = await get(stylesheet, { "if-none-match": etag });
    expect(again.status).toBe(304);
  });

  it("keeps files that are not fingerprinted revalidated hourly, and nothing outside the public folder is reachable", async () => {
    const icon = await raw("/favicon.svg", "br");
    expect(icon.status).toBe(200);
    expect(icon.headers["content-encoding"]).toBe("br");
    expect(icon.headers["cache-control"]).toBe("public, max-age=3600");
    for (const path of ["/build/..%2f..%2fpackage.json", "/build/%2e%2e/%2e%2e/package.json", "/..%2fpackage.json", "/build/%E0%A4%A.css", "/.env"]) {
      const res = await get(path);
      expect(res.status, path).not.toBe(200);
      expect(res.status, path).toBeLessThan(500);
    }
  });
});
