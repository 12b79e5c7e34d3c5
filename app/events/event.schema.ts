import { z } from "zod";
import { vietnamLocalToIso } from "~/lib/time";
import type { EventOrgRole } from "~db/schema";
import { MAIL_SEGMENTS } from "./mail-segments";
import { parseQuestions } from "./questions";

// The event forms' schemas: shared by their routes and, free of server code, usable in the browser.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);
export const requiredText = (max: number) => z.preprocess(blankToUndefined, z.string({ required_error: "validation.required" }).max(max));
export const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().max(max).optional());
/** A datetime-local value read as Vietnam time, stored as ISO UTC. */
export const vietnamDateTime = z.preprocess(
  blankToUndefined,
  z
    .string({ required_error: "validation.required" })
    .max(20)
    .transform((v, ctx) => {
      const iso = vietnamLocalToIso(v);
      if (!iso) ctx.addIssue({ code: "custom", message: "validation.date" });
      return iso ?? "";
    }),
);
const optionalVietnamDateTime = z.preprocess(blankToUndefined, vietnamDateTime.optional());
export const EVENT_ORG_ROLES: EventOrgRole[] = ["host", "co_organizer", "sponsor", "partner"];
export const EventSchema = z
  .object({
    slug: z.preprocess(blankToUndefined, z.string({ required_error: "validation.required" }).max(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "manage.slugFormat")),
    kind: z.enum(["forum", "workshop", "ceremony"]),
    title_vi: requiredText(200),
    title_en: requiredText(200),
    summary_vi: requiredText(600),
    summary_en: requiredText(600),
    description_vi: optionalText(5000),
    description_en: optionalText(5000),
    venue_vi: requiredText(200),
    venue_en: requiredText(200),
    address: optionalText(300),
    starts_at: vietnamDateTime,
    ends_at: vietnamDateTime,
    capacity: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: "validation.number" }).int().min(1).max(100_000).optional()),
    registration_opens_at: optionalVietnamDateTime,
    registration_closes_at: optionalVietnamDateTime,
    requires_approval: z.preprocess((v) => (v === "on" || v === "1" ? 1 : 0), z.union([z.literal(0), z.literal(1)])),
    questions: z.preprocess(
      (v) => (typeof v === "string" ? v : ""),
      z
        .string()
        .max(4000)
        .transform((v, ctx) => {
          const parsed = parseQuestions(v);
          if (!parsed) ctx.addIssue({ code: "custom", message: "manage.questionsFormat" });
          return parsed ?? [];
        }),
    ),
  })
  .superRefine((e, ctx) => {
    if (e.starts_at && e.ends_at && e.ends_at <= e.starts_at) ctx.addIssue({ code: "custom", path: ["ends_at"], message: "manage.endsBeforeStart" });
    if (e.registration_closes_at && e.starts_at && e.registration_closes_at > e.starts_at)
      ctx.addIssue({ code: "custom", path: ["registration_closes_at"], message: "manage.closesAfterStart" });
    if (e.registration_opens_at && e.registration_closes_at && e.registration_closes_at <= e.registration_opens_at)
      ctx.addIssue({ code: "custom", path: ["registration_closes_at"], message: "manage.endsBeforeStart" });
  });
export type EventInput = z.output<typeof EventSchema>;

export const AgendaItemSchema = z
  .object({
    id: z.string().max(40).optional(),
    starts_at: vietnamDateTime,
    ends_at: vietnamDateTime,
    room: optionalText(100),
    kind: z.enum(["keynote", "panel", "talk", "demo", "ceremony", "break"]),
    title_vi: requiredText(300),
    title_en: requiredText(300),
    speakers: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(50)),
  })
  .superRefine((item, ctx) => {
    if (item.starts_at && item.ends_at && item.ends_at <= item.starts_at) ctx.addIssue({ code: "custom", path: ["ends_at"], message: "manage.endsBeforeStart" });
  });
export type AgendaInput = z.output<typeof AgendaItemSchema>;

export const SpeakerSchema = z.object({
  name: requiredText(200),
  position_vi: optionalText(200),
  position_en: optionalText(200),
  organization_name: optionalText(200),
  bio_vi: optionalText(2000),
  bio_en: optionalText(2000),
});
export const SpeakerByOrganizerSchema = SpeakerSchema.extend({
  id: z.string().max(40).optional(),
  org_id: optionalText(60),
  email: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(254).email().optional()),
});
export type SpeakerInput = z.output<typeof SpeakerByOrganizerSchema>;

const blank = (v: unknown) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v);
/** Markup in a name is refused outright; it is escaped wherever it is shown anyway. */
const NO_MARKUP = /<\s*[a-z!/?]/i;
const personText = (max: number) =>
  z.preprocess(blank, z.string({ required_error: "validation.required" }).max(max).refine((v) => !NO_MARKUP.test(v), "register.noMarkup"));
const email = z.preprocess(blank, z.string({ required_error: "validation.required" }).max(254).email());
const consent = z.preprocess((v) => v === "on" || v === "yes", z.literal(true, { errorMap: () => ({ message: "register.consentRequired" }) }));
export const RegistrationSchema = z.object({
  name: personText(200),
  email,
  organization: personText(200),
  position: personText(200),
  phone: z.preprocess(blank, z.string().max(30).regex(/^[+0-9 ().-]{6,30}$/, "register.phoneFormat").optional()),
  consent,
});
/** The attendee's language: their ticket, calendar file and every mail to them use it. */
const attendeeLocale = z.enum(["vi", "en"]);
/** The desk's form: the public form's fields, the attendee's language, and the organizer's say-so to go past capacity. */
export const WalkInSchema = RegistrationSchema.extend({
  attendee_locale: attendeeLocale,
  beyond_capacity: z.preprocess((v) => v === "on", z.boolean()),
});
/** An organizer's correction of an attendee: validated as at registration; the consent given then stands. */
export const AttendeeEditSchema = RegistrationSchema.omit({ consent: true }).extend({ attendee_locale: attendeeLocale });
export const DelegationSchema = z.object({
  org_id: z.string().max(60),
  people: z.preprocess(blank, z.string({ required_error: "validation.required" }).max(20_000)),
  consent,
});

/** At most one page of the list at once: a bulk action is as bounded as the list it acts on. */
export const MAX_BULK = 50;
/** One decision on one or several selected registrations; a reject or cancel carries the reason the attendee reads. */
export const DecisionSchema = z.object({
  intent: z.enum(["approve", "reject", "promote", "cancel"]),
  id: z.preprocess((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]), z.array(z.string().max(40)).min(1, "registrations.selectSome").max(MAX_BULK)),
  reason: z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), z.string().max(1000).optional()),
});
/** Decisions the attendee is told about with a reason. */
export const NEEDS_REASON = ["reject", "cancel"] as const;
export const CheckInSchema = z.object({
  code: z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), z.string().max(100).optional()),
  id: z.string().max(40).optional(),
  intent: z.enum(["check_in", "undo"]).default("check_in"),
});

export const LifecycleSchema = z.object({ intent: z.enum(["publish", "close_registration", "cancel", "archive"]) });
export const MailSchema = z.object({ segment: z.enum(MAIL_SEGMENTS).default("confirmed"), subject: requiredText(200), body: requiredText(5000) });

export const CloneEventSchema = z.object({
  slug: z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), z.string({ required_error: "validation.required" }).max(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "manage.slugFormat")),
  starts_at: vietnamDateTime,
});
