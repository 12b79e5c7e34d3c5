import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { readSession } from "~/auth/lucia.server";
import { getConfig, portalOrigin } from "~/config.server";
import { getConnection } from "~/db.server";
import { log, requestLogger } from "./logging.server";
import { canonicalHost, securityHeaders } from "./security.server";
import type { PortalContext } from "./context";
import { prepareDatabase } from "./boot.server";
import { requestLimits } from "./request-limits.server";
import { startBackgroundJobs } from "./background.server";
import { withDomainErrors } from "./domain-errors.server";
import { renderCache } from "./render-cache.server";
import { staticFiles } from "./static-files.server";
import { isClusterWorker, superviseWorkers } from "./cluster.server";

/** Within this the portal is gone after SIGTERM (systemd's default is 90 s; we promise 10). */
const SHUTDOWN_GRACE_MS = 9_000;

/**
 * With WEB_CONCURRENCY above 1 the starting process prepares the database once and becomes the
 * primary that forks the workers; each worker (and a single process) serves.
 */
export async function startPortal(build: ServerBuild): Promise<void> {
  const config = getConfig();
  if (isClusterWorker()) return serve(build);
  await prepareDatabase();
  if (config.webConcurrency <= 1) return serve(build);
  // Migrations and demo data are done: the workers open their own connections.
  await getConnection().db.destroy();
  log("info", "starting workers", { workers: config.webConcurrency });
  superviseWorkers(config.webConcurrency, SHUTDOWN_GRACE_MS + 500);
}

async function serve(build: ServerBuild): Promise<void> {
  const config = getConfig();
  const stopJobs = startBackgroundJobs();

  const app = express();
  app.disable("x-powered-by");
  // Only the configured number of proxy hops is believed about the client address and scheme:
  // anyone can send X-Forwarded-For, and it ends up in throttling and the audit log.
  app.set("trust proxy", config.trustProxy);
  app.use(canonicalHost(config.publicUrl));
  app.use(requestLogger(config.logRequests));
  app.use(requestLimits());
  app.use(securityHeaders(config.publicUrl));
  app.use("/build", staticFiles("public/build", { immutable: true, maxAgeSeconds: 365 * 24 * 3600 }));
  app.use(staticFiles("public", { immutable: false, maxAgeSeconds: 3600 }));
  app.use(renderCache(() => getConnection().db));
  app.all(
    "*",
    createRequestHandler({
      build: withDomainErrors(build),
      mode: config.env === "development" ? "development" : "production",
      getLoadContext: async (req, res): Promise<PortalContext> => {
        const secure = req.secure || (config.publicUrl?.startsWith("https://") ?? false);
        const session = await readSession(req.get("cookie") ?? null, secure);
        if (session.setCookie) res.append("Set-Cookie", session.setCookie);
        return {
          nonce: res.locals.nonce as string,
          user: session.user,
          sessionId: session.sessionId,
          clientIp: req.ip ?? "",
          secure,
          origin: portalOrigin(),
          memo: new Map(),
        };
      },
    }),
  );

  const server = app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    log("info", "portal listening", { url: `http://localhost:${port}`, database: getConnection().dialect });
  });

  // Stop accepting, let requests and job runs in flight finish, then close the database; whatever
  // is still open when the grace period ends is cut off so that the portal is gone in time.
  const shutdown = async () => {
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    await Promise.all([closed, stopJobs()]);
    await getConnection().db.destroy();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
  process.once("SIGINT", () => void shutdown());
}
