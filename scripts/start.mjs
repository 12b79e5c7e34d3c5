// `npm start`: build when needed, then serve. Migrations and demo data run as the server starts.
import { buildIfNeeded } from "./build-if-needed.mjs";

buildIfNeeded();
process.env.NODE_ENV ??= "production";
await import("../server.mjs");
