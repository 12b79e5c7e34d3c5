import type { Migration, MigrationProvider } from "kysely";
import * as m01 from "./2026-11-23-01-accounts-and-organizations";
import * as m02 from "./2026-11-23-02-events-and-registrations";
import * as m03 from "./2026-11-23-03-mous-and-signing";
import * as m04 from "./2026-11-23-04-commitments-audit-outbox";
import * as m30 from "./2026-11-23-30-signatory-rounds";
import * as m40 from "./2026-12-01-01-throttle-counters";
import * as m42 from "./2026-12-01-03-party-acceptance";
import * as m43 from "./2026-12-01-04-jobs";
import * as m10 from "./2026-12-01-10-commitment-process";
import * as m11 from "./2026-12-01-11-monitoring";
import * as m12 from "./2026-12-01-12-org-onboarding";
import * as m13 from "./2026-12-01-13-seat-counters-and-cache";
import * as m14 from "./2026-12-01-14-signatures";
import * as m220 from "./2026-12-02-20-api-tokens";
import * as m221 from "./2026-12-02-21-api-status-order";
import * as m230 from "./2026-12-02-30-audit-log-filters";
import * as m240 from "./2026-12-02-40-monitoring-keys";
import * as m241 from "./2026-12-02-41-monitoring-version";
import * as m250 from "./2026-12-02-50-seat-counts-leave-the-public-stamp";
import * as m260 from "./2026-12-02-60-own-signatures";
import * as m261 from "./2026-12-02-61-signatory-revocation";
import * as m280 from "./2026-12-02-80-comment-threads";

/**
 * Every migration imported by name: the classic compiler bundles the server, where
 * FileMigrationProvider's dynamic imports would find nothing. Add new migrations at the end.
 */
const MIGRATIONS: Record<string, Migration> = {
  "2026-11-23-01-accounts-and-organizations": m01,
  "2026-11-23-02-events-and-registrations": m02,
  "2026-11-23-03-mous-and-signing": m03,
  "2026-11-23-04-commitments-audit-outbox": m04,
  "2026-11-23-30-signatory-rounds": m30,
  "2026-12-01-01-throttle-counters": m40,
  "2026-12-01-03-party-acceptance": m42,
  "2026-12-01-04-jobs": m43,
  "2026-12-01-10-commitment-process": m10,
  "2026-12-01-11-monitoring": m11,
  "2026-12-01-12-org-onboarding": m12,
  "2026-12-01-13-seat-counters-and-cache": m13,
  "2026-12-01-14-signatures": m14,
  "2026-12-02-20-api-tokens": m220,
  "2026-12-02-21-api-status-order": m221,
  "2026-12-02-30-audit-log-filters": m230,
  "2026-12-02-40-monitoring-keys": m240,
  "2026-12-02-41-monitoring-version": m241,
  "2026-12-02-50-seat-counts-leave-the-public-stamp": m250,
  "2026-12-02-60-own-signatures": m260,
  "2026-12-02-61-signatory-revocation": m261,
  "2026-12-02-80-comment-threads": m280,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
