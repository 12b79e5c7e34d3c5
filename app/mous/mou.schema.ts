import { z } from "zod";
import { MilestoneSchema } from "~/commitments/commitment.schema";

// The MoU forms' schemas: shared by their routes and, free of server code, usable in the browser.

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);
const optionalDay = z
  .string()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), "validation.date");

/** Whether a row says anything: a non-blank field, or a row within it that does. Its hidden `id` does not count. */
function hasContent(row: unknown): boolean {
  if (!row || typeof row !== "object") return false;
  return Object.entries(row as Record<string, unknown>).some(([k, v]) =>
    k === "id" ? false : typeof v === "string" ? v.trim() !== "" : Array.isArray(v) && Array.from(v).some(hasContent),
  );
}

/**
 * A repeated row left entirely blank is not a row: the form always offers a few empty ones. A
 * row's hidden `id` does not count, so clearing a saved row removes it.
 */
function rows<T extends z.ZodTypeAny>(row: T) {
  return z.preprocess(
    (value) => (Array.isArray(value) ? Array.from(value) : []).map((r) => (hasContent(r) ? r : null)),
    z.array(row.nullable()).transform((list) => list.filter((r): r is z.output<T> => r !== null)),
  );
}

const PartyRow = z.object({ org_id: z.string().min(1) });
const ClauseRow = z.object({
  heading_vi: optionalText(200),
  heading_en: optionalText(200),
  body_vi: text(5000).min(1),
  body_en: optionalText(5000),
});
/** A KPI figure as people type it, with a decimal comma or point; blank is none. */
const kpiNumber = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v.replace(",", ".")) : null))
  .refine((v) => v === null || (Number.isFinite(v) && v >= 0), "validation.number");
const CommitmentRow = z.object({
  /** The saved commitment this row edits: its milestones and reported progress stay with it. */
  id: z.string().max(40).optional().transform((v) => v || null),
  org_id: z.string().min(1),
  title_vi: text(300).min(1),
  title_en: optionalText(300),
  /** Where the KPI stands at signing; progress is measured from it (a falling KPI has it above the target). */
  kpi_baseline: kpiNumber,
  kpi_target: kpiNumber,
  kpi_unit_vi: optionalText(60),
  kpi_unit_en: optionalText(60),
  due_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date"),
  /**
   * The member of the owner organization reminders also go to; not part of the signed text. Blank
   * clears it; absent when a form does not carry it, and then it stays as it is.
   */
  contact_user_id: z
    .string()
    .max(40)
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null)),
  /**
   * Milestones planned with the text; absent (not blank) when a form does not carry them, and then
   * the saved ones stay as they are.
   */
  milestones: rows(MilestoneSchema.extend({ id: z.string().max(40).optional().transform((v) => v || null) })).optional(),
});
export const MouDraftSchema = z
  .object({
    title_vi: text(300).min(1),
    title_en: text(300).min(1),
    purpose_vi: optionalText(3000),
    purpose_en: optionalText(3000),
    scope_vi: optionalText(3000),
    scope_en: optionalText(3000),
    event_id: optionalText(40),
    effective_on: optionalDay,
    expires_on: optionalDay,
    visibility: z.enum(["private", "public"]),
    lead: z.coerce.number().int().min(0).default(0),
    parties: rows(PartyRow),
    clauses: rows(ClauseRow),
    commitments: rows(CommitmentRow),
  })
  .superRefine((d, ctx) => {
    const orgs = d.parties.map((p) => p.org_id);
    if (new Set(orgs).size < 2) ctx.addIssue({ code: "custom", path: ["parties"], message: "mous.error.twoParties" });
    if (new Set(orgs).size !== orgs.length) ctx.addIssue({ code: "custom", path: ["parties"], message: "mous.error.duplicateParty" });
    if (!d.clauses.length) ctx.addIssue({ code: "custom", path: ["clauses"], message: "mous.error.oneClause" });
    d.commitments.forEach((c, i) => {
      if (!orgs.includes(c.org_id)) ctx.addIssue({ code: "custom", path: ["commitments", i, "org_id"], message: "mous.error.commitmentParty" });
    });
    if (d.effective_on && d.expires_on && d.expires_on <= d.effective_on)
      ctx.addIssue({ code: "custom", path: ["expires_on"], message: "mous.error.expiresBeforeEffective" });
  });
export type MouDraft = z.output<typeof MouDraftSchema>;

export const PartnerInvitationSchema = z.object({ partner_email: z.string().trim().toLowerCase().min(1).max(254).email() });

export const CommentSchema = z.object({ kind: z.enum(["comment", "change_request"]), body: z.string().trim().min(1).max(4000) });
export const SignatorySchema = z.object({
  party_id: z.string().min(1),
  email: z.string().trim().email().max(200),
  name: z.string().trim().min(1).max(200),
  title: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
  // As Vietnamese CA certificates carry them: a tax code (10 digits, a branch adds -NNN) or a citizen ID.
  identifier: z
    .string()
    .trim()
    .toUpperCase()
    .max(40)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^(MST:\d{10}(-\d{3})?|CCCD:\d{12}|CMND:\d{9}(\d{3})?)$/.test(v), "mous.error.identifierFormat"),
});
export const SendSchema = z.object({
  order: z.enum(["parallel", "sequential"]).default("parallel"),
  deadline: optionalDay,
});

export const SignSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, "mous.sign.codeFormat"),
  method: z.enum(["typed", "drawn"]),
  typed_signature: z.string().optional(),
  drawn_signature: z.string().optional(),
  consent: z.literal("on", { errorMap: () => ({ message: "mous.sign.consentRequired" }) }),
});
export const DeclineSchema = z.object({ reason: z.string().trim().min(3).max(2000) });

/** A reply names the thread it answers; its text is `reply` so that its errors stay by its own form. */
export const ReplySchema = z.object({ thread_id: z.string().min(1).max(40), reply: z.string().trim().min(1).max(4000) });
export const ThreadSchema = z.object({ thread_id: z.string().min(1).max(40) });
/** The optional note an edit carries, stored with the version it makes. */
export const CHANGE_NOTE_MAX = 500;
export const ChangeNoteSchema = z.object({ change_note: optionalText(CHANGE_NOTE_MAX) });
