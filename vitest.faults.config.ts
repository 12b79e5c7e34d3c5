import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// `npm run test:faults`: processes killed, mail servers down, two portals on one database. Slow on
// purpose, so apart from `npm test`; .ci/run runs both. (mergeConfig would add to the lists, not replace them.)
export default defineConfig({ ...base, test: { ...base.test, include: ["test/faults/**/*.test.ts"], exclude: ["**/node_modules/**"] } });
