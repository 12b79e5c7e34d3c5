import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~db": path.resolve(__dirname, "db"),
      "~": path.resolve(__dirname, "app"),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // The fault tests have their own run (vitest.faults.config.ts, `npm run test:faults`).
    exclude: ["test/faults/**", "**/node_modules/**"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    // Two cores: each test file may run its own server and browser.
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    reporters: ["default"],
  },
});
