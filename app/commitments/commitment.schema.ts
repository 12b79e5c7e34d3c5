import { z } from "zod";
import { COMMITMENT_STATUSES } from "./status";

const optionalNumber = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? Number(v.replace(",", ".")) : v),
  z.number({ invalid_type_error: "validation.number" }).min(0).max(1_000_000_000).optional(),
);

const id = z.string().trim().min(1).max(64);

export const ProgressUpdateSchema = z.object({
  note: z.string().trim().min(1).max(2000),
  kpi_value: optionalNumber,
  milestone_id: z.string().trim().max(64).optional().transform((v) => v || undefined),
  milestone_status: z.enum(["pending", "in_progress", "done", "missed"]).optional().or(z.literal("").transform(() => undefined)),
});

export type ProgressUpdateInput = z.output<typeof ProgressUpdateSchema>;

export const RevisionSchema = ProgressUpdateSchema.extend({ update_id: id });

/** Confirming needs no words; returning an update says what is missing. */
export const ConfirmSchema = z.object({ update_id: id });
export const ReturnSchema = z.object({ update_id: id, comment: z.string().trim().min(1).max(2000) });
export const CommentSchema = z.object({ update_id: id, comment: z.string().trim().min(1).max(2000) });

/** The form contract of ../shared/DOMAIN.md: `intent=add-milestone`, `title_vi`, `title_en`, `due_on`, `weight`. */
export const MilestoneSchema = z.object({
  title_vi: z.string().trim().min(1).max(300),
  title_en: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((v) => v || null),
  due_on: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "commitment.milestone.dueInvalid")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "commitment.milestone.dueInvalid"),
  weight: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? 1 : typeof v === "string" ? Number(v.replace(",", ".")) : v),
    z.number({ invalid_type_error: "validation.number" }).positive("commitment.milestone.weightInvalid").max(1000, "commitment.milestone.weightInvalid"),
  ),
});

export type MilestoneInput = z.output<typeof MilestoneSchema>;

/** `intent=set-contact`: a member of the owner organization, or blank for none. */
export const ContactSchema = z.object({ contact_user_id: z.string().trim().max(64).optional().transform((v) => v || null) });

export const MilestoneEditSchema = MilestoneSchema.extend({ milestone_id: id });
export const MilestoneRefSchema = z.object({ milestone_id: id, direction: z.enum(["up", "down"]).optional() });

/** The filters of /commitments, all in the URL. `due` is a window in days from today. */
export const CommitmentListQuerySchema = z.object({
  mou: z.string().max(64).optional().catch(undefined),
  owner: z.string().max(64).optional().catch(undefined),
  status: z.enum(COMMITMENT_STATUSES).optional().catch(undefined),
  due: z.enum(["7", "30", "90"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type CommitmentListQuery = z.output<typeof CommitmentListQuerySchema>;
