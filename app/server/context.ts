import type { SessionUser } from "~/auth/lucia.server";

/** What the HTTP layer hands every loader and action, besides the request. */
export type PortalContext = {
  /** Per-request CSP nonce for the scripts Remix inlines. */
  nonce: string;
  user: SessionUser | null;
  sessionId: string | null;
  clientIp: string;
  /** True when the portal is reached over https; cookies then carry Secure. */
  secure: boolean;
  /** The portal's own origin for links (portalOrigin()): configuration, never the request. */
  origin: string;
  /** Cache for per-request lookups (memberships), filled on first use. */
  memo: Map<string, unknown>;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends PortalContext {}
}
