import { recordAudit } from "~/audit/audit-log.server";
import { can, isMemberOf, isOrgAdmin, type Actor } from "~/auth/permissions.server";
import { retireCommitments } from "~/commitments/commitments.server";
import { isContactCandidate } from "~/commitments/contact.server";
import { refreshCommitmentStatuses } from "~/commitments/stored-status.server";
import { isUniqueViolation } from "~/db/errors.server";
import { DomainError } from "~/lib/domain-error";
import type { Locale } from "~/i18n/locale";
import { translate } from "~/i18n/translate";
import { formValues, parseStructuredForm } from "~/lib/forms.server";
import { newId } from "~/lib/ids.server";
import { nowIso, vietnamToday } from "~/lib/time";
import type { DB, Trx, Tx } from "~db/schema";
import { listDraftMilestones, writeDraftMilestones } from "./draft-milestones.server";
import { inviteParties } from "./parties.server";
import { isEditableStatus } from "./status";
import { MouDraftSchema, type MouDraft } from "./mou.schema";
import { createVersion, buildVersionContent, hashVersionContent } from "./versions.server";

/** The lead is the party whose radio button was chosen; counted among non-blank rows. */
function leadOrgOf(draft: MouDraft, rawLeadOrg: string | null): string {
  return rawLeadOrg && draft.parties.some((p) => p.org_id === rawLeadOrg) ? rawLeadOrg : draft.parties[0].org_id;
}

type Drafter = Actor & { user: { id: string; name: string } };

/** The lead party as saved, and (at creation only) the drafter's organization, which takes part from the start. */
type Leads = { lead: string; creating: string | null };

/** A drafter must belong to one of the parties: nobody writes agreements for others. */
function drafterIsParty(actor: Actor, draft: MouDraft): boolean {
  return draft.parties.some((p) => isMemberOf(actor, p.org_id));
}

/** The next free MOU-YYYY-NNNN for the year in Vietnam. */
async function nextReference(trx: Trx, year: string): Promise<string> {
  const prefix = `MOU-${year}-`;
  const last = await trx
    .selectFrom("mous")
    .select((eb) => eb.fn.max("reference").as("max"))
    .where("reference", "like", `${prefix}%`)
    .executeTakeFirst();
  const n = last?.max ? Number(String(last.max).slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(4, "0")}`;
}

/**
 * Writes the working text. A newly named party is pending, and its admins are asked, unless the
 * person saving may answer for it (an admin of it, or the drafter for the lead organization at
 * creation): nobody is made party to an agreement without agreeing.
 */
async function writeDraftRows(trx: Tx, mouId: string, draft: MouDraft, leads: Leads, actor: Drafter, at: string) {
  const existing = await trx.selectFrom("mou_parties").select(["id", "org_id"]).where("mou_id", "=", mouId).execute();
  const keep = new Set(draft.parties.map((p) => p.org_id));
  const removed = existing.filter((p) => !keep.has(p.org_id)).map((p) => p.id);
  if (removed.length) await trx.deleteFrom("mou_parties").where("id", "in", removed).execute();
  const invited: string[] = [];
  for (const [i, p] of draft.parties.entries()) {
    const row = existing.find((e) => e.org_id === p.org_id);
    const values = { is_lead: p.org_id === leads.lead ? (1 as const) : (0 as const), sort_order: i };
    if (row) {
      await trx.updateTable("mou_parties").set(values).where("id", "=", row.id).execute();
    } else {
      const accepted = p.org_id === leads.creating || isOrgAdmin(actor, p.org_id);
      if (!accepted) invited.push(p.org_id);
      await trx.insertInto("mou_parties").values({ id: newId(), mou_id: mouId, org_id: p.org_id, ...values, accepted_at: accepted ? at : null }).execute();
    }
  }
  await inviteParties(trx, mouId, invited, actor.user, leads.lead);
  await trx.deleteFrom("mou_clauses").where("mou_id", "=", mouId).execute();
  for (const [i, c] of draft.clauses.entries()) {
    await trx.insertInto("mou_clauses").values({ id: newId(), mou_id: mouId, position: i + 1, ...c }).execute();
  }
  await writeCommitments(trx, mouId, draft, at);
}

/**
 * Commitments are updated in place, never deleted and re-made: their milestones and the progress
 * reported on them belong to them.
 */
async function writeCommitments(trx: Tx, mouId: string, draft: MouDraft, at: string) {
  const existing = await trx.selectFrom("commitments").select("id").where("mou_id", "=", mouId).where("cancelled_at", "is", null).execute();
  const kept = new Set<string>();
  const written: string[] = [];
  for (const [i, { id, milestones, ...c }] of draft.commitments.entries()) {
    const values = { ...c, start_on: draft.effective_on, sort_order: i, updated_at: at };
    let commitmentId = id;
    if (id && existing.some((e) => e.id === id) && !kept.has(id)) {
      kept.add(id);
      await trx.updateTable("commitments").set(values).where("id", "=", id).execute();
    } else {
      commitmentId = newId();
      await trx
        .insertInto("commitments")
        .values({ id: commitmentId, mou_id: mouId, ...values, description_vi: null, description_en: null, created_at: at })
        .execute();
    }
    written.push(commitmentId!);
    if (milestones) await writeDraftMilestones(trx, commitmentId!, milestones, at);
  }
  await refreshCommitmentStatuses(trx, written);
  await retireCommitments(trx, mouId, existing.filter((e) => !kept.has(e.id)).map((e) => e.id), at);
}

/** Organizations whose people have signed this MoU (in any round): they stay parties to it. */
async function partiesThatSigned(trx: Trx, mouId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("signatories")
    .innerJoin("mou_parties", "mou_parties.id", "signatories.party_id")
    .select("mou_parties.org_id")
    .where("signatories.mou_id", "=", mouId)
    .where("signatories.status", "=", "signed")
    .execute();
  return [...new Set(rows.map((r) => r.org_id))];
}

function mouFields(draft: MouDraft) {
  const { parties: _p, clauses: _c, commitments: _m, lead: _l, ...fields } = draft;
  return fields;
}

/**
 * Creates a draft with its reference, assigned once. Two drafters at the same moment may compute
 * the same next number: the unique index refuses the second, which simply tries the next one.
 */
export async function createMou(db: DB, actor: Drafter, draft: MouDraft, leadOrgRaw: string | null, ip: string) {
  const leadOrg = leadOrgOf(draft, leadOrgRaw);
  // The form refuses a lead the drafter does not belong to; then the lead stays pending like any other party.
  const leads: Leads = { lead: leadOrg, creating: isMemberOf(actor, leadOrg) ? leadOrg : null };
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const at = nowIso();
        const id = newId();
        const reference = await nextReference(trx, vietnamToday().slice(0, 4));
        await trx
          .insertInto("mous")
          .values({ id, reference, status: "draft", ...mouFields(draft), created_by: actor.user.id, created_at: at, updated_at: at })
          .execute();
        await writeDraftRows(trx, id, draft, leads, actor, at);
        await recordAudit(trx, { actorId: actor.user.id, actorLabel: actor.user.name, action: "mou.created", entityType: "mou", entityId: id, after: { reference }, ip });
        return { id, reference };
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 8) throw error;
    }
  }
}

/** A save refused for what it does to the parties, with the form field the message belongs to. */
export type DraftRefusal = {
  ok: false;
  field: "parties" | "lead";
  error: "mous.error.signedPartyRemoved" | "mous.error.onlyLeadChangesParties" | "mous.error.leadNotAccepted";
};

/**
 * Saves the working text. Once the draft has been shared, every saved change becomes a new
 * version (an unchanged text makes none), so reviewers can compare what moved; the editor's note on
 * the change goes with that version and into the audit log. Who is party, and
 * who leads, only the lead party changes; the other parties edit the text.
 */

export async function updateMou(
  db: DB,
  actor: Drafter,
  mouId: string,
  draft: MouDraft,
  leadOrgRaw: string | null,
  ip: string,
  note: string | null = null,
): Promise<{ ok: true; versionNumber: number | null } | DraftRefusal> {
  const leadOrg = leadOrgOf(draft, leadOrgRaw);
  return db.transaction().execute(async (trx) => {
    const mou = await trx.selectFrom("mous").select(["status", "shared_at", "current_version_id"]).where("id", "=", mouId).executeTakeFirstOrThrow();
    // Checked again inside the transaction: a text sent for signature is frozen.
    if (!isEditableStatus(mou.status)) throw new DomainError("conflict");
    const parties = await trx.selectFrom("mou_parties").select(["org_id", "is_lead", "accepted_at"]).where("mou_id", "=", mouId).orderBy("sort_order").execute();
    const currentLead = parties.find((p) => Number(p.is_lead) === 1)?.org_id ?? null;
    const sameParties = parties.map((p) => p.org_id).join("\n") === draft.parties.map((p) => p.org_id).join("\n");
    if ((!sameParties || leadOrg !== currentLead) && !can(actor, { action: "mou.parties", leadOrgId: currentLead, status: mou.status })) {
      return { ok: false, field: "parties", error: "mous.error.onlyLeadChangesParties" };
    }
    // The lead acts for the MoU, so it must be an organization that has agreed to it.
    if (leadOrg !== currentLead && !parties.some((p) => p.org_id === leadOrg && p.accepted_at !== null)) {
      return { ok: false, field: "lead", error: "mous.error.leadNotAccepted" };
    }
    // A signature is never lost: a party that signed cannot be dropped by an amendment.
    const staying = new Set(draft.parties.map((p) => p.org_id));
    if ((await partiesThatSigned(trx, mouId)).some((org) => !staying.has(org))) return { ok: false, field: "parties", error: "mous.error.signedPartyRemoved" };
    const at = nowIso();
    await trx.updateTable("mous").set({ ...mouFields(draft), updated_at: at }).where("id", "=", mouId).execute();
    await writeDraftRows(trx, mouId, draft, { lead: leadOrg, creating: null }, actor, at);
    let versionNumber: number | null = null;
    let versionHash: string | null = null;
    if (mou.shared_at) {
      const current = mou.current_version_id
        ? await trx.selectFrom("mou_versions").select("content_hash").where("id", "=", mou.current_version_id).executeTakeFirst()
        : undefined;
      const hash = hashVersionContent(await buildVersionContent(trx, mouId));
      if (hash !== current?.content_hash) {
        versionNumber = (await createVersion(trx, mouId, { createdBy: actor.user.id, note, at })).number;
        versionHash = hash;
      }
    }
    await recordAudit(trx, { actorId: actor.user.id, actorLabel: actor.user.name, action: "mou.edited", entityType: "mou", entityId: mouId, after: { version: versionNumber, hash: versionHash, ...(note ? { note } : {}) }, ip });
    return { ok: true, versionNumber };
  });
}

/** The saved text as the draft form's flat values (`clauses.0.body_vi` …), for the edit page. */
export async function draftFormValues(db: DB, mouId: string): Promise<Record<string, string>> {
  const mou = await db.selectFrom("mous").selectAll().where("id", "=", mouId).executeTakeFirstOrThrow();
  const parties = await db.selectFrom("mou_parties").select(["org_id", "is_lead"]).where("mou_id", "=", mouId).orderBy("sort_order").execute();
  const clauses = await db.selectFrom("mou_clauses").selectAll().where("mou_id", "=", mouId).orderBy("position").execute();
  const commitments = await db.selectFrom("commitments").selectAll().where("mou_id", "=", mouId).where("cancelled_at", "is", null).orderBy("sort_order").execute();
  const values: Record<string, string> = {};
  const put = (key: string, value: string | number | null) => {
    if (value !== null && value !== "") values[key] = String(value);
  };
  for (const f of ["title_vi", "title_en", "purpose_vi", "purpose_en", "scope_vi", "scope_en", "event_id", "effective_on", "expires_on", "visibility"] as const) put(f, mou[f]);
  parties.forEach((p, i) => {
    put(`parties.${i}.org_id`, p.org_id);
    if (Number(p.is_lead) === 1) put("lead", i);
  });
  clauses.forEach((c, i) => {
    for (const f of ["heading_vi", "heading_en", "body_vi", "body_en"] as const) put(`clauses.${i}.${f}`, c[f]);
  });
  const milestones = await listDraftMilestones(db, commitments.map((c) => c.id));
  commitments.forEach((c, i) => {
    for (const f of ["id", "org_id", "title_vi", "title_en", "kpi_baseline", "kpi_target", "kpi_unit_vi", "kpi_unit_en", "due_on", "contact_user_id"] as const) put(`commitments.${i}.${f}`, c[f]);
    milestones
      .filter((m) => m.commitment_id === c.id)
      .forEach((m, j) => {
        for (const f of ["id", "title_vi", "title_en", "due_on", "weight"] as const) put(`commitments.${i}.milestones.${j}.${f}`, m[f]);
      });
  });
  return values;
}

/** The lead radio names a row; the row's organization is the lead. */
function leadOrgFromForm(form: FormData): string | null {
  const value = form.get(`parties.${String(form.get("lead") ?? "0")}.org_id`);
  return typeof value === "string" && value ? value : null;
}

/**
 * Organizations and events the form names by id must exist, and a commitment's contact person must
 * be a member of its owner: each wrong one is answered next to its field (a foreign key would
 * otherwise refuse the save with a server error).
 */
async function unknownReferences(db: DB, form: FormData, draft: MouDraft, locale: Locale): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const orgIds = [...new Set(draft.parties.map((p) => p.org_id))];
  const known = new Set(orgIds.length ? (await db.selectFrom("organizations").select("id").where("id", "in", orgIds).execute()).map((o) => o.id) : []);
  for (const [name, value] of form.entries()) {
    if (/^parties\.\d+\.org_id$/.test(name) && typeof value === "string" && value && !known.has(value)) errors[name] = translate(locale, "mous.error.unknownOrganization");
  }
  if (draft.event_id && !(await db.selectFrom("events").select("id").where("id", "=", draft.event_id).executeTakeFirst())) {
    errors.event_id = translate(locale, "mous.error.unknownEvent");
  }
  // Read from the form's own names (the last of a repeated one, as the parser reads it), so that each
  // message lands on its row even after blank rows, and a name sent many times is asked about once.
  const fields = new Map([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  for (const [name, value] of fields) {
    const row = /^commitments\.(\d+)\.contact_user_id$/.exec(name)?.[1];
    const owner = row === undefined ? undefined : fields.get(`commitments.${row}.org_id`);
    if (value && owner && !(await isContactCandidate(db, owner, value))) errors[name] = translate(locale, "commitment.contact.notMember");
  }
  return errors;
}

/**
 * The draft form of /mous/new and /mous/:id/edit, checked, with the drafter among the parties and
 * every named organization and event known. A new MoU is led by one of the drafter's organizations.
 */
export async function parseDraftForm(db: DB, form: FormData, actor: Actor, locale: Locale, options: { creating: boolean }) {
  const parsed = parseStructuredForm(form, MouDraftSchema, locale);
  if (!parsed.ok) return parsed;
  const refuse = (errors: Record<string, string>) => ({ ok: false as const, errors, values: formValues(form) });
  const unknown = await unknownReferences(db, form, parsed.data, locale);
  if (Object.keys(unknown).length) return refuse(unknown);
  if (!drafterIsParty(actor, parsed.data)) return refuse({ parties: translate(locale, "mous.error.drafterNotParty") });
  const leadOrg = leadOrgOf(parsed.data, leadOrgFromForm(form));
  if (options.creating && !isMemberOf(actor, leadOrg)) return refuse({ lead: translate(locale, "mous.error.leadNotYours") });
  return { ok: true as const, data: parsed.data, leadOrg };
}
