import type { NextFunction, Request, Response } from "express";
import crypto from "node:crypto";

/** The portal's own origin: PUBLIC_URL behind a proxy, else what the request says it reached. */
export function originOf(req: Request, publicUrl: string | null): string {
  if (publicUrl) return publicUrl;
  return `${req.protocol}://${req.get("host") ?? "localhost"}`;
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
 * Behind a proxy, PUBLIC_URL is the truth about the portal's host and scheme. Writing it into the
 * forwarded headers makes the rest of the stack agree with it — request URLs, secure cookies and
 * Remix's own origin check on form posts — even when the proxy forwards neither header.
 */
export function canonicalHost(publicUrl: string | null) {
  const url = publicUrl ? new URL(publicUrl) : null;
  return (req: Request, _res: Response, next: NextFunction) => {
    if (url) {
      req.headers["x-forwarded-host"] = url.host;
      req.headers["x-forwarded-proto"] = url.protocol.replace(":", "");
    }
    next();
  };
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
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
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    // The check-in page scans tickets with the camera; nothing else may use it.
    res.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
    const own = originOf(req, publicUrl);
    res.locals.origin = own;
    if (!isSameOriginRequest(req.method, req.get("origin"), req.get("referer"), own)) {
      res.status(403).type("text/plain; charset=utf-8").send("Forbidden: cross-site request / Yêu cầu từ trang khác bị từ chối");
      return;
    }
    next();
  };
}
