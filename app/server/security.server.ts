import type { NextFunction, Request, Response } from "express";
import crypto from "node:crypto";

/**
 * The origin a same-site form post comes from: PUBLIC_URL when set, else the loopback address the
 * request reached, which canonicalHost has already pinned to one of loopbackHosts(). Only for the
 * cross-site check: links are built on portalOrigin(), never on this.
 */
function reachedOrigin(req: Request, publicUrl: string | null): string {
  if (publicUrl) return publicUrl;
  return `${req.protocol}://${req.get("host")}`;
}

/** The names a portal without PUBLIC_URL answers to: this machine's loopback, on the port it listens on. */
export function loopbackHosts(port: number): Set<string> {
  return new Set([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
}

/**
 * Refuses a state-changing request whose Origin (or, failing that, Referer) is not the portal's
 * own: together with SameSite=Lax cookies and no state change on GET, this closes cross-site
 * request forgery (Lucia's guide asks for exactly this check).
 */
export function isSameOriginRequest(method: string, origin: string | undefined, referer: string | undefined, ownOrigin: string): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return true;
  const claimed = origin ?? (referer ? safeOrigin(referer) : null);
  return claimed === ownOrigin;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Remix's adapter builds request.url from X-Forwarded-Host or Host, and refuses (with a 500) a form
 * post whose Origin does not match it. So the host Remix sees is written here, never taken from
 * the client. With PUBLIC_URL set, that is the truth about the portal's host and scheme, written
 * over whatever arrived (even when the proxy forwards neither header). Without it the portal runs
 * on this machine (PUBLIC_URL is required unless DEMO_DATA=on): forwarded host and scheme are
 * dropped, and a Host that is not a loopback name on the listening port becomes localhost, so a
 * forged Host can neither pass the cross-site check nor reach Remix's. TRUST_PROXY still decides
 * whether X-Forwarded-For names the client.
 */
export function canonicalHost(publicUrl: string | null) {
  const url = publicUrl ? new URL(publicUrl) : null;
  return (req: Request, _res: Response, next: NextFunction) => {
    if (url) {
      req.headers["x-forwarded-host"] = url.host;
      req.headers["x-forwarded-proto"] = url.protocol.replace(":", "");
    } else {
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
      delete req.headers["forwarded"];
      const port = req.socket.localPort ?? 0;
      if (!loopbackHosts(port).has(req.headers.host ?? "")) req.headers.host = `localhost:${port}`;
    }
    next();
  };
}

/** `scripts`: the sources of the inline scripts allowed, a nonce (`'nonce-…'`) or their hashes (`'sha256-…'`). */
export function contentSecurityPolicy(scripts: string[]): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scripts].join(" "),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(publicUrl: string | null) {
  // Browsers remember it for a year: only an https PUBLIC_URL says the portal is always reached over TLS.
  const hsts = publicUrl?.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy([`'nonce-${nonce}'`]));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    // The check-in page scans tickets with the camera; nothing else may use it.
    res.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
    if (hsts) res.setHeader("Strict-Transport-Security", hsts);
    if (!isSameOriginRequest(req.method, req.get("origin"), req.get("referer"), reachedOrigin(req, publicUrl))) {
      res.status(403).type("text/plain; charset=utf-8").send("Forbidden: cross-site request / Yêu cầu từ trang khác bị từ chối");
      return;
    }
    next();
  };
}
