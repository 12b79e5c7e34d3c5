import type { ActionFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { DomainError } from "~/lib/domain-error";
import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms.server";
import { vietnamToday } from "~/lib/time";
import { invitePartnerByEmail } from "./email-invitations.server";
import { addComment, findThread, replyToThread, setThreadResolved } from "./comment-threads.server";
import { CommentSchema, PartnerInvitationSchema, ReplySchema, SendSchema, SignatorySchema, ThreadSchema } from "./mou.schema";
import { requireReadableMou } from "./mous.server";
import { reopenMou, shareMou, startAmendment } from "./review.server";
import { addSignatory, findCurrentSignatory, removeSignatory, sendForSignature } from "./signatories.server";

/** Everything the MoU page's forms do, each asking its own permission first. */
export async function handleMouAction(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  const db = getDb();
  const { mou, parties, leadOrgId } = await requireReadableMou(db, actor, args.params.id ?? "");
  const locale = getLocale(args.request);
  const form = await readForm(args.request);
  const intent = String(form.get("intent") ?? "");
  const acting = { user: actor.user, ip: args.context.clientIp, origin: args.context.origin };
  const back = (notice: MessageKey) => redirectWithFlash(`/mous/${mou.id}`, { key: notice }, args.context.secure);
  const fail = (errors: Record<string, string>, values: Record<string, string> = {}) => actionFailed({ errors, values });
  try {
    switch (intent) {
      case "share":
        requirePermission(actor, { action: "mou.lead", leadOrgId });
        await shareMou(db, acting, mou.id);
        return back("mous.notice.shared");
      case "reopen":
        requirePermission(actor, { action: "mou.lead", leadOrgId });
        await reopenMou(db, acting, mou.id);
        return back("mous.notice.reopened");
      case "amend":
        requirePermission(actor, { action: "mou.lead", leadOrgId });
        await startAmendment(db, acting, mou.id);
        return back("mous.notice.amending");
      case "send": {
        requirePermission(actor, { action: "mou.lead", leadOrgId });
        requirePermission(actor, { action: "mou.edit", parties, status: mou.status });
        const parsed = parseForm(form, SendSchema, locale);
        if (!parsed.ok) return fail(parsed.errors, parsed.values);
        await sendForSignature(db, acting, mou.id, { ...parsed.data, today: vietnamToday() });
        return back("mous.notice.sent");
      }
      case "invite_partner": {
        requirePermission(actor, { action: "mou.parties", leadOrgId, status: mou.status });
        const parsed = parseForm(form, PartnerInvitationSchema, locale);
        if (!parsed.ok) return fail(parsed.errors, parsed.values);
        await invitePartnerByEmail(db, acting, mou.id, parsed.data.partner_email, locale);
        return back("mous.notice.partnerInvited");
      }
      case "comment": {
        requirePermission(actor, { action: "mou.comment", parties, status: mou.status });
        const parsed = parseForm(form, CommentSchema, locale);
        if (!parsed.ok) return fail(parsed.errors, parsed.values);
        await addComment(db, acting, mou.id, parsed.data);
        return back("mous.notice.commented");
      }
      case "reply": {
        requirePermission(actor, { action: "mou.comment", parties, status: mou.status });
        const parsed = parseForm(form, ReplySchema, locale);
        if (!parsed.ok) return fail(parsed.errors, parsed.values);
        await replyToThread(db, acting, mou.id, parsed.data.thread_id, parsed.data.reply);
        return back("mous.notice.replied");
      }
      case "resolve":
      case "reopen_thread": {
        const parsed = parseForm(form, ThreadSchema, locale);
        if (!parsed.ok) throw new DomainError("invalid");
        const thread = await findThread(db, mou.id, parsed.data.thread_id);
        requirePermission(actor, { action: "mou.thread.resolve", parties, status: mou.status, leadOrgId, authorId: thread.author_id });
        await setThreadResolved(db, acting, mou.id, thread.id, intent === "resolve");
        return back(intent === "resolve" ? "mous.notice.threadResolved" : "mous.notice.threadReopened");
      }
      case "add_signatory": {
        const parsed = parseForm(form, SignatorySchema, locale);
        if (!parsed.ok) return fail(parsed.errors, parsed.values);
        const party = parties.find((p) => p.id === parsed.data.party_id);
        if (!party) return fail({ party_id: translate(locale, "validation.invalid") });
        requirePermission(actor, { action: "mou.signatories", partyOrgId: party.org_id, status: mou.status });
        await addSignatory(db, acting, mou.id, { partyId: party.id, email: parsed.data.email, name: parsed.data.name, title: parsed.data.title, identifier: parsed.data.identifier });
        return back("mous.notice.signatoryAdded");
      }
      case "remove_signatory": {
        const signatory = await findCurrentSignatory(db, mou.id, String(form.get("signatory_id") ?? ""));
        const party = parties.find((p) => p.id === signatory?.party_id);
        if (!signatory || !party) throw new DomainError("notFound");
        requirePermission(actor, { action: "mou.signatories", partyOrgId: party.org_id, status: mou.status });
        await removeSignatory(db, acting, mou.id, signatory.id);
        return back("mous.notice.signatoryRemoved");
      }
      default:
        throw new DomainError("invalid");
    }
  } catch (error) {
    // A refusal with something to say is shown on the form; the others answer with their status.
    if (error instanceof DomainError && error.messageKey) return fail({ [error.field ?? "_form"]: translate(locale, error.messageKey) });
    throw error;
  }
}
