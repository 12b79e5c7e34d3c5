import type { OrgKind } from "~db/schema";

/** The kinds of organization, for the server's schema and the forms' choices alike. */
export const ORG_KINDS = ["corporation", "enterprise", "startup", "agency", "university", "association"] as const satisfies readonly OrgKind[];
