import { z } from "zod";
import { ORG_KINDS } from "./org-kinds";

// The organization forms' schemas: shared by their routes and, free of server code, usable in the browser.

const role = z.enum(["admin", "member"]);
export const InviteSchema = z.object({ email: z.string().trim().toLowerCase().min(1).max(254).email(), role });
export const ChangeRoleSchema = z.object({ membershipId: z.string().min(1).max(40), role });
export const RemoveMemberSchema = z.object({ membershipId: z.string().min(1).max(40) });
export const RevokeInvitationSchema = z.object({ invitationId: z.string().min(1).max(40) });

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);
export const OrganizationSchema = z.object({
  name_vi: z.string().trim().min(1).max(200),
  name_en: z.string().trim().min(1).max(200),
  short_name: optional(40),
  kind: z.enum(ORG_KINDS),
  country: z.string().trim().min(1).max(80),
  province: optional(80),
  sector: optional(120),
  website: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v), { message: "orgs.website.invalid" }),
  description_vi: optional(4000),
  description_en: optional(4000),
});
export type OrganizationInput = z.output<typeof OrganizationSchema>;
/** Staff create an organization and may invite its first admin in the same step. */
export const CreateOrganizationSchema = OrganizationSchema.extend({
  admin_email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .optional()
    .transform((v) => v || null)
    .pipe(z.string().email().nullable()),
});

/** Mã số doanh nghiệp / mã số thuế: 10 digits, or 13 for a branch (often written 0101234567-001). */
export const TaxCodeSchema = z
  .string()
  .trim()
  .max(20)
  .transform((v) => v.replace(/[\s.-]/g, ""))
  .refine((v) => /^\d{10}(\d{3})?$/.test(v), { message: "orgs.taxCode.invalid" });
export const RegisterOrganizationSchema = OrganizationSchema.extend({
  tax_code: TaxCodeSchema,
  address: optional(300),
  contact_name: z.string().trim().min(1).max(200),
  contact_email: z.string().trim().toLowerCase().max(254).email(),
  contact_phone: optional(40),
});
export type RegistrationInput = z.output<typeof RegisterOrganizationSchema>;
export const VerificationDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify"), org_id: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("reject"), org_id: z.string().min(1).max(40), reason: z.string().trim().min(1).max(1000) }),
]);

export const JoinDecisionSchema = z.object({ request_id: z.string().min(1).max(40), decision: z.enum(["approve", "decline"]) });
export const JoinSettingsSchema = z.object({
  email_domain: z
    .string()
    .trim()
    .toLowerCase()
    .max(120)
    .optional()
    .transform((v) => (v ? v.replace(/^@/, "") : null))
    .refine((v) => v === null || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(v), { message: "validation.invalid" }),
  auto_join: z
    .string()
    .optional()
    .transform((v) => (v === "on" ? (1 as const) : (0 as const))),
});
