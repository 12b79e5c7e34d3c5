import type { ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { can, requireActor, requirePermission, type SignedInActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import { actionFailed } from "~/lib/action-result.server";
import { describeRefusal, readUploadForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms.server";
import { DomainError } from "~/lib/domain-error";
import { CommentSchema, ConfirmSchema, ContactSchema, MilestoneEditSchema, MilestoneRefSchema, MilestoneSchema, ProgressUpdateSchema, ReturnSchema, RevisionSchema } from "./commitment.schema";
import { isInForce } from "./commitments.server";
import { setCommitmentContact } from "./contact.server";
import { commentOnProgressUpdate, confirmProgressUpdate, returnProgressUpdate } from "./confirmation.server";
import { readEvidence } from "./evidence.server";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES } from "./evidence-limits";
import { addMilestone, editMilestone, moveMilestone, removeMilestone } from "./milestones.server";
import { findCommitment, reviseProgressUpdate, submitProgressUpdate, type CommitmentDetail } from "./progress.server";

/** A commitment someone who is not party to its MoU asks for does not exist, as far as they can tell. */
export async function loadVisibleCommitment(actor: SignedInActor, id: string): Promise<CommitmentDetail> {
  const commitment = await findCommitment(getDb(), id);
  if (!commitment) throw new DomainError("notFound");
  requirePermission(actor, { action: "commitment.read", parties: commitment.parties }, { hideAs404: true });
  return commitment;
}

/** What the actor may do on a commitment's page: the same rules the actions ask. */
export function commitmentAbilities(actor: SignedInActor, c: CommitmentDetail) {
  const inForce = isInForce(c);
  return {
    report: can(actor, { action: "commitment.report", ownerOrgId: c.org_id, inForce }),
    plan: can(actor, { action: "commitment.plan", ownerOrgId: c.org_id, inForce }),
    contact: can(actor, { action: "commitment.contact", ownerOrgId: c.org_id, inForce }),
    confirm: can(actor, { action: "commitment.confirm", ownerOrgId: c.org_id, parties: c.parties, inForce }),
    comment: can(actor, { action: "commitment.comment", parties: c.parties }),
  };
}

/**
 * Everything the commitment page's forms do, each asking its own permission first. A form without
 * an intent is a progress report, as it always was.
 */
export async function handleCommitmentAction(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  const commitment = await loadVisibleCommitment(actor, args.params.id ?? "");
  const inForce = isInForce(commitment);
  const locale = getLocale(args.request);
  const upload = await readUploadForm(args.request, { maxFileBytes: MAX_EVIDENCE_BYTES, maxFiles: MAX_EVIDENCE_FILES });
  const intent = upload.ok ? String(upload.form.get("intent") ?? "report") : "report";
  const acting = { id: actor.user.id, name: actor.user.name, ip: args.context.clientIp };
  const db = getDb();
  const owner = { ownerOrgId: commitment.org_id, inForce };
  const back = (notice: MessageKey) => redirectWithFlash(`/commitments/${commitment.id}`, { key: notice }, args.context.secure);
  const parse = <S extends z.ZodTypeAny>(schema: S) => parseForm(upload.ok ? upload.form : new FormData(), schema, locale);

  switch (intent) {
    case "report":
    case "revise":
      requirePermission(actor, { action: "commitment.report", ...owner });
      break;
    case "add-milestone":
    case "edit-milestone":
    case "move-milestone":
    case "remove-milestone":
      requirePermission(actor, { action: "commitment.plan", ...owner });
      break;
    case "set-contact":
      requirePermission(actor, { action: "commitment.contact", ...owner });
      break;
    case "confirm":
    case "return":
      requirePermission(actor, { action: "commitment.confirm", ...owner, parties: commitment.parties });
      break;
    case "comment":
      requirePermission(actor, { action: "commitment.comment", parties: commitment.parties });
      break;
    default:
      throw new DomainError("invalid");
  }
  if (!upload.ok) {
    const { status, message } = describeRefusal(locale, upload, "common.unreadableForm");
    return actionFailed({ errors: { evidence: message } }, status);
  }
  const form = upload.form;

  switch (intent) {
    case "report":
    case "revise": {
      const parsed = parse(intent === "report" ? ProgressUpdateSchema : RevisionSchema);
      if (!parsed.ok) return actionFailed(parsed);
      const input = parsed.data as z.output<typeof RevisionSchema> | z.output<typeof ProgressUpdateSchema>;
      const errors: Record<string, string> = {};
      if (input.milestone_id && !commitment.milestones.some((m) => m.id === input.milestone_id)) errors.milestone_id = translate(locale, "validation.invalid");
      if (input.milestone_status && !input.milestone_id) errors.milestone_id = translate(locale, "commitment.report.milestoneRequired");
      const evidence = await readEvidence(form.getAll("evidence"));
      if (!evidence.ok) errors.evidence = translate(locale, evidence.error, { max: MAX_EVIDENCE_FILES });
      if (Object.keys(errors).length) return actionFailed({ errors, values: formValues(form) });
      const files = evidence.ok ? evidence.files : [];
      if ("update_id" in input) {
        await reviseProgressUpdate(db, commitment, input.update_id, input, files, acting);
        return back("commitment.notice.revised");
      }
      await submitProgressUpdate(db, commitment, input, files, acting);
      return back("commitment.notice.submitted");
    }
    case "add-milestone": {
      const parsed = parse(MilestoneSchema);
      if (!parsed.ok) return actionFailed(parsed);
      await addMilestone(db, commitment.id, parsed.data, acting);
      return back("commitment.notice.milestoneAdded");
    }
    case "edit-milestone": {
      const parsed = parse(MilestoneEditSchema);
      if (!parsed.ok) return actionFailed(parsed);
      const { milestone_id, ...input } = parsed.data;
      await editMilestone(db, commitment.id, milestone_id, input, acting);
      return back("commitment.notice.milestoneChanged");
    }
    case "move-milestone":
    case "remove-milestone": {
      const parsed = parse(MilestoneRefSchema);
      if (!parsed.ok) return actionFailed(parsed);
      if (intent === "remove-milestone") {
        await removeMilestone(db, commitment.id, parsed.data.milestone_id, acting);
        return back("commitment.notice.milestoneRemoved");
      }
      await moveMilestone(db, commitment.id, parsed.data.milestone_id, parsed.data.direction ?? "up", acting);
      return back("commitment.notice.milestoneChanged");
    }
    case "set-contact": {
      const parsed = parse(ContactSchema);
      if (!parsed.ok) return actionFailed(parsed);
      if (!(await setCommitmentContact(db, commitment.id, parsed.data.contact_user_id, acting))) {
        return actionFailed({ errors: { contact_user_id: translate(locale, "commitment.contact.notMember") }, values: formValues(form) });
      }
      return back("commitment.notice.contactChanged");
    }
    case "confirm": {
      const parsed = parse(ConfirmSchema);
      if (!parsed.ok) return actionFailed(parsed);
      await confirmProgressUpdate(db, commitment.id, parsed.data.update_id, acting);
      return back("commitment.notice.confirmed");
    }
    case "return": {
      const parsed = parse(ReturnSchema);
      if (!parsed.ok) return actionFailed(parsed);
      await returnProgressUpdate(db, commitment, parsed.data.update_id, parsed.data.comment, acting);
      return back("commitment.notice.returned");
    }
    default: {
      const parsed = parse(CommentSchema);
      if (!parsed.ok) return actionFailed(parsed);
      await commentOnProgressUpdate(db, commitment.id, parsed.data.update_id, parsed.data.comment, acting);
      return back("commitment.notice.commented");
    }
  }
}
