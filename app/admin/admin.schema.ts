import { z } from "zod";

// The staff forms' schemas: shared by their routes and, free of server code, usable in the browser.

export const USER_CHANGES = ["grantStaff", "revokeStaff", "grantOrganizer", "revokeOrganizer", "disable", "enable"] as const;
export type UserChange = (typeof USER_CHANGES)[number];

export const UserChangeSchema = z.object({ userId: z.string().min(1).max(40), change: z.enum(USER_CHANGES) });

/** A failed job put back in the queue. */
export const RetrySchema = z.object({ id: z.string().min(1).max(64) });
