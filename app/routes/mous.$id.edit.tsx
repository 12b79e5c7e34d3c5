import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { can, requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { formState } from "~/lib/action-result";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms.server";
import { listContactCandidates } from "~/commitments/contact.server";
import { draftFormValues, parseDraftForm, updateMou } from "~/mous/drafts.server";
import { ChangeNoteSchema } from "~/mous/mou.schema";
import { listEventsForPicker, listOrganizationsForPicker, requireReadableMou } from "~/mous/mous.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { MouForm } from "~/ui/mou-form";
import { ChangeNoteField } from "~/ui/mous/change-note-field";
import stylesheet from "~/styles/mous.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

async function requireEditable(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const access = await requireReadableMou(getDb(), actor, args.params.id ?? "");
  requirePermission(actor, { action: "mou.edit", parties: access.parties, status: access.mou.status });
  return { actor, access };
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor, access } = await requireEditable(args);
  const db = getDb();
  const [organizations, events, values, contacts] = await Promise.all([
    listOrganizationsForPicker(db),
    listEventsForPicker(db),
    draftFormValues(db, access.mou.id),
    listContactCandidates(db, access.parties.map((p) => p.org_id)),
  ]);
  return json({
    title: translate(getLocale(args.request), "mous.edit.title", { reference: access.mou.reference }),
    mou: { id: access.mou.id, reference: access.mou.reference, shared: Boolean(access.mou.shared_at) },
    organizations,
    events,
    contacts,
    values,
    partiesLocked: !can(actor, { action: "mou.parties", leadOrgId: access.leadOrgId, status: access.mou.status }),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, access } = await requireEditable(args);
  const locale = getLocale(args.request);
  const form = await readForm(args.request);
  const parsed = await parseDraftForm(getDb(), form, actor, locale, { creating: false });
  const note = parseForm(form, ChangeNoteSchema, locale);
  // The draft's refusal carries only the field names it accepts: the form is shown again from those.
  if (!parsed.ok) return actionFailed({ errors: { ...parsed.errors, ...(note.ok ? {} : note.errors) }, values: parsed.values });
  if (!note.ok) return actionFailed({ errors: note.errors, values: formValues(form) });
  const saved = await updateMou(getDb(), actor, access.mou.id, parsed.data, parsed.leadOrg, args.context.clientIp, note.data.change_note);
  if (!saved.ok) return actionFailed({ errors: { [saved.field]: translate(locale, saved.error) }, values: formValues(form) });
  const notice = saved.versionNumber ? { key: "mous.notice.savedVersion", params: { n: saved.versionNumber } } as const : { key: "mous.notice.saved" } as const;
  return redirectWithFlash(`/mous/${access.mou.id}`, notice, args.context.secure);
}

export default function EditMou() {
  const { mou, organizations, events, contacts, values, partiesLocked } = useLoaderData<typeof loader>();
  const submitted = formState(useActionData<typeof action>());
  const t = useT();
  return (
    <div className="container page narrow">
      <p>
        <Link to={`/mous/${mou.id}`}>← {mou.reference}</Link>
      </p>
      <h1>{t("mous.edit.title", { reference: mou.reference })}</h1>
      <p className="lead">{mou.shared ? t("mous.edit.versionNote") : t("mous.edit.draftNote")}</p>
      <MouForm values={submitted.failed ? submitted.values : values} errors={submitted.errors} organizations={organizations} events={events} contacts={contacts} submitLabel={t("common.save")} partiesLocked={partiesLocked}>
        {mou.shared ? <ChangeNoteField value={submitted.failed ? submitted.values.change_note : undefined} error={submitted.errors.change_note} /> : null}
      </MouForm>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
