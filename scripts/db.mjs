// `npm run db:migrate`, `npm run db:seed`, `npm run db:seed:scale -- --mous N`, `npm run audit:verify [-- --expect SEQ:HASH]`, `npm run api:token -- --email EMAIL --name NAME`: tasks run by the bundled app code.
import { buildIfNeeded } from "./build-if-needed.mjs";

const task = process.argv[2];
buildIfNeeded();
const build = await import("../build/index.js");
process.exitCode = await build.entry.module.runTask(task, process.argv.slice(3));
