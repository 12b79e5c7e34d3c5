// Serves the production build. The HTTP layer itself is app code (app/server/http.server.ts),
// bundled with the routes and reached through the build's entry module.
import * as build from "./build/index.js";

try {
  await build.entry.module.startPortal(build);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
