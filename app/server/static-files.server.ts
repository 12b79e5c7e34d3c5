import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import express, { type NextFunction, type Request, type Response } from "express";

/** Text that shrinks well; fonts (woff2) and images are compressed already. */
const COMPRESSIBLE: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};
/** Larger files go out as they are, through express.static: memory stays bounded. */
const MAX_BYTES = 2 * 1024 * 1024;

type Compressed = { mtimeMs: number; size: number; type: string; etag: string; identity: Buffer; br: Buffer; gzip: Buffer };

/**
 * Serves the files under `root` as express.static does, text compressed with br or gzip as the
 * browser accepts: each file is compressed once, at the best quality since it is done once, and
 * kept in memory until it changes on disk. A strong ETag over the bytes answers a revalidation with 304.
 * `immutable` is for fingerprinted files (the build's), whose name changes with their content.
 */
export function staticFiles(root: string, options: { immutable: boolean; maxAgeSeconds: number }) {
  const base = path.resolve(root);
  const plain = express.static(base, { immutable: options.immutable, maxAge: options.maxAgeSeconds * 1000 });
  const cacheControl = `public, max-age=${options.maxAgeSeconds}${options.immutable ? ", immutable" : ""}`;
  const files = new Map<string, Compressed>();

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const file = resolveInside(base, req.path);
    const type = file ? COMPRESSIBLE[path.extname(file)] : undefined;
    const stat = file && type ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!file || !type || !stat?.isFile() || stat.size > MAX_BYTES) return plain(req, res, next);
    let entry = files.get(file);
    if (!entry || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
      entry = compress(fs.readFileSync(file), stat, type);
      files.set(file, entry);
    }
    res.setHeader("Cache-Control", cacheControl);
    res.setHeader("ETag", entry.etag);
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("Content-Type", entry.type);
    if (req.get("if-none-match")?.split(/\s*,\s*/).includes(entry.etag)) {
      res.status(304).end();
      return;
    }
    const accepts = req.get("accept-encoding") ?? "";
    const [encoding, body] = /\bbr\b/.test(accepts) ? ["br", entry.br] : /\bgzip\b/.test(accepts) ? ["gzip", entry.gzip] : [null, entry.identity];
    if (encoding) res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", body.length);
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

function compress(identity: Buffer, stat: fs.Stats, type: string): Compressed {
  return {
    mtimeMs: stat.mtimeMs,
    size: stat.size,
    type,
    etag: `"${crypto.createHash("sha256").update(identity).digest("base64url").slice(0, 27)}"`,
    identity,
    br: zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    gzip: zlib.gzipSync(identity, { level: 9 }),
  };
}

/** The file a URL path names under `base`, or null for anything that would leave it or names a dotfile. */
function resolveInside(base: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.split("/").some((part) => part.startsWith("."))) return null;
  const file = path.resolve(base, `.${decoded}`);
  return file.startsWith(`${base}${path.sep}`) ? file : null;
}

