import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { Server } from "node:http";
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

export async function startPortal(build: ServerBuild): Promise<Server> {
  const config = getConfig();
  await prepareDatabase();
  const stopJobs = startBackgroundJobs();

  const app = express();
  app.disable("x-powered-by");
  // Only the configured number of proxy hops is believed about the client address and scheme:
  // anyone can send X-Forwarded-For, and it ends up in throttling and the audit log.
  app.set("trust proxy", config.trustProxy);
  app.use(canonicalHost(config.publicUrl, config.trustProxy));
  app.use(requestLogger(config.logRequests));
  app.use(requestLimits());
  app.use(securityHeaders(config.publicUrl));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
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

  const shutdown = () => {
    stopJobs();
    server.close(() => {
      void getConnection()
        .db.destroy()
        .finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return server;
}
