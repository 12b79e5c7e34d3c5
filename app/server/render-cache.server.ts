import crypto from "node:crypto";
import zlib from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import type { DB } from "~db/schema";
import { localeOfCookie } from "~/i18n/locale.server";
import { contentSecurityPolicy } from "./security.server";

const EVENT_PAGE = /^\/events\/([a-z0-9-]+)$/;
/** The pages everyone sees alike when signed out. */
const CACHEABLE = [/^\/$/, /^\/events$/, EVENT_PAGE];
/** Pages that depend on the clock (a registration window opening, an event becoming past) are re-made this often. */
const MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 500;

type Entry = {
  version: string;
  madeAt: number;
  status: number;
  contentType: string;
  csp: string;
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
};

/**
 * What a copy of this page was made at: the stamp the triggers of migration 2026-12-01-13 raise on
 * every change a public page shows, and for an event's own page (the one page that shows seats) the
 * seats taken there, which no longer raise the stamp (migration 2026-12-02-50): a registration then
 * touches no row that other events' claims need. One primary key lookup, one more for an event page.
 */
async function pageVersion(db: DB, path: string): Promise<string> {
  const slug = EVENT_PAGE.exec(path)?.[1];
  const row = await db
    .selectFrom("site_versions")
    .select("version")
    .$if(slug !== undefined, (q) =>
      q.select((eb) =>
        eb
          .selectFrom("event_seat_counts")
          .innerJoin("events", "events.id", "event_seat_counts.event_id")
          .select("event_seat_counts.taken")
          .where("events.slug", "=", slug ?? "")
          .as("taken"),
      ),
    )
    .where("name", "=", "public")
    .executeTakeFirst();
  const taken = row && "taken" in row ? `:${row.taken ?? ""}` : "";
  return `${row?.version ?? 0}${taken}`;
}

function isAnonymousPageRequest(req: Request): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (!CACHEABLE.some((pattern) => pattern.test(req.path))) return false;
  const cookie = req.get("cookie") ?? "";
  return !/(?:^|;\s*)(portal_session|portal_flash)=/.test(cookie);
}

/**
 * A cached page carries no nonce, which would be the same for everyone who gets the copy: its
 * inline scripts are allowed by their SHA-256 instead, exactly those scripts and no others.
 */
function withScriptHashes(html: string, nonce: string): { html: string; csp: string } {
  const body = html.split(` nonce="${nonce}"`).join("");
  const hashes = [...body.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .filter((m) => m[1].length > 0)
    .map((m) => `'sha256-${crypto.createHash("sha256").update(m[1]).digest("base64")}'`);
  return { html: body, csp: contentSecurityPolicy([...new Set(hashes)]) };
}

function makeEntry(version: string, status: number, contentType: string, html: string, nonce: string): Entry {
  const { html: body, csp } = withScriptHashes(html, nonce);
  const identity = Buffer.from(body);
  return {
    version,
    madeAt: Date.now(),
    status,
    contentType,
    csp,
    etag: `"${crypto.createHash("sha256").update(identity).digest("base64url").slice(0, 27)}"`,
    identity,
    br: zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }),
    gzip: zlib.gzipSync(identity, { level: 9 }),
  };
}

function send(req: Request, res: Response, entry: Entry): void {
  res.setHeader("Content-Security-Policy", entry.csp);
  res.setHeader("ETag", entry.etag);
  // The browser may keep it but must ask each time (a 304 costs no body); shared caches must not
  // give a signed-out page to someone signed in.
  res.setHeader("Cache-Control", "private, no-cache");
  res.setHeader("Vary", "Cookie, Accept-Encoding");
  if (req.get("if-none-match")?.split(/\s*,\s*/).includes(entry.etag)) {
    res.status(304).end();
    return;
  }
  const accepts = req.get("accept-encoding") ?? "";
  const [encoding, body] = /\bbr\b/.test(accepts) ? ["br", entry.br] : /\bgzip\b/.test(accepts) ? ["gzip", entry.gzip] : [null, entry.identity];
  if (encoding) res.setHeader("Content-Encoding", encoding);
  res.status(entry.status).type(entry.contentType).setHeader("Content-Length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Serves signed-out visitors' public pages from memory while the database's version stamp is the
 * one the copy was made at: any change (from this process, another worker or another host) makes
 * the next request render afresh. Each copy goes out compressed with a strong ETag.
 */
export function renderCache(db: () => DB) {
  const entries = new Map<string, Entry>();
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!isAnonymousPageRequest(req)) return next();
    try {
      const version = await pageVersion(db(), req.path);
      const key = `${localeOfCookie(req.get("cookie"))} ${req.originalUrl}`;
      const cached = entries.get(key);
      if (cached && cached.version === version && Date.now() - cached.madeAt < MAX_AGE_MS) return send(req, res, cached);
      captureRendered(req, res, (status, html) => {
        const contentType = String(res.getHeader("content-type") ?? "");
        if (status !== 200 || res.getHeader("set-cookie") || !contentType.startsWith("text/html")) return null;
        const entry = makeEntry(version, status, contentType, html, res.locals.nonce as string);
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
        entries.set(key, entry);
        return entry;
      });
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Holds back what the renderer writes; at its end, a cacheable page goes out as the cached copy
 * would (hashes, compression, ETag), anything else exactly as written.
 */
function captureRendered(req: Request, res: Response, store: (status: number, html: string) => Entry | null): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (chunk) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    if (typeof encoding === "function") encoding();
    else if (typeof callback === "function") callback();
    return true;
  }) as Response["write"];
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (chunk && typeof chunk !== "function") chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    res.write = write;
    res.end = end;
    const body = Buffer.concat(chunks);
    const entry = store(res.statusCode, body.toString("utf8"));
    if (entry) {
      send(req, res, entry);
    } else {
      if (!res.headersSent && !res.getHeader("content-length")) res.setHeader("Content-Length", body.length);
      end(body);
    }
    const done = [chunk, encoding, callback].find((a) => typeof a === "function") as (() => void) | undefined;
    done?.();
    return res;
  }) as Response["end"];
}
