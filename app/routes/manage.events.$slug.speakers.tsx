import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "~/db.server";
import { actorRef, listOrganizationChoices, requireManagedEvent } from "~/events/manage.server";
import { deleteSpeaker, inviteSpeaker, listSpeakersToManage, MAX_PHOTO_BYTES, readPhoto, speakerFormErrors, saveSpeaker } from "~/events/speakers.server";
import { SpeakerByOrganizerSchema } from "~/events/event.schema";
import { getLocale } from "~/i18n/locale.server";
import { localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { formValues, parseForm } from "~/lib/forms.server";
import { describeRefusal, readUploadForm } from "~/lib/form-body.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Avatar } from "~/ui/initials";
import { SpeakerFields } from "~/ui/speaker-fields";
import { SelectField } from "~/ui/form-controls";
import { Field } from "~/ui/field";
import { PostButton } from "~/ui/post-button";
import { ErrorSummary } from "~/ui/error-summary";

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  const db = getDb();
  const [speakers, organizations] = await Promise.all([listSpeakersToManage(db, event.id), listOrganizationChoices(db)]);
  return json({ speakers, organizations });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, event } = await requireManagedEvent(args);
  const locale = getLocale(args.request);
  const db = getDb();
  const upload = await readUploadForm(args.request, { maxFileBytes: MAX_PHOTO_BYTES });
  if (!upload.ok) {
    const { status, message } = describeRefusal(locale, upload, "common.unreadableForm");
    return json({ errors: { photo: message }, values: {}, notice: null }, { status });
  }
  const form = upload.form;
  const intent = form.get("intent");
  const id = String(form.get("id") ?? "");
  const who = actorRef(actor, args.context);
  if (intent === "delete") {
    await deleteSpeaker(db, event.id, id, who);
    return redirect(`/manage/events/${event.slug}/speakers`);
  }
  if (intent === "invite") {
    const result = await inviteSpeaker(db, event, id, who, args.context.origin, locale);
    return json({ errors: {}, values: {}, notice: translate(locale, result === "sent" ? "speakers.invited" : "speakers.noEmail") }, { status: result === "sent" ? 200 : 400 });
  }
  const parsed = parseForm(form, SpeakerByOrganizerSchema, locale);
  const photo = await readPhoto(form);
  const errors = speakerFormErrors(parsed.ok ? null : parsed.errors, photo, locale);
  if (!parsed.ok || errors) {
    return json({ errors, values: formValues(form), notice: null }, { status: 400 });
  }
  await saveSpeaker(db, event.id, parsed.data, photo, who);
  return redirect(`/manage/events/${event.slug}/speakers`);
}

export default function SpeakersEditor() {
  const { speakers, organizations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const editing = speakers.find((s) => s.id === params.get("edit"));
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string | null> = data?.values && Object.keys(data.values).length ? data.values : (editing ?? {});
  return (
    <div className="stack">
      {data?.notice ? (
        <div className={`alert ${Object.keys(errors).length ? "alert-error" : "alert-success"}`} role="status">
          {data.notice}
        </div>
      ) : null}
      <section aria-labelledby="speakers-heading">
        <h2 id="speakers-heading">{t("manage.tab.speakers")}</h2>
        {speakers.length === 0 ? <p className="empty">{t("speakers.none")}</p> : null}
        <ul className="manage-speakers">
          {speakers.map((s) => (
            <li key={s.id} className="card manage-speaker">
              <Avatar name={s.name} fileId={s.photo_file_id} />
              <div className="manage-speaker-body">
                <p className="card-title">{s.name}</p>
                <p className="small muted">{[localized(s, "position", locale), s.organization_name].filter(Boolean).join(" · ")}</p>
                {s.email ? <p className="small">{s.email}{s.invited ? ` · ${t("speakers.invitedBadge")}` : ""}</p> : null}
              </div>
              <div className="row">
                <Link to={`?edit=${s.id}`} className="button button-small">
                  {t("manage.edit")}
                </Link>
                {s.email ? <PostButton fields={{ intent: "invite", id: s.id }}>{t("speakers.invite")}</PostButton> : null}
                <PostButton fields={{ intent: "delete", id: s.id }} className="button button-small button-quiet">
                  {t("manage.delete")}
                </PostButton>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="speaker-form-heading">
        <h2 id="speaker-form-heading">{editing ? t("speakers.edit") : t("speakers.add")}</h2>
        <ErrorSummary errors={errors} />
        <Form method="post" encType="multipart/form-data" className="form" noValidate key={editing?.id ?? `new-${speakers.length}`}>
          {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
          <SpeakerFields values={values} errors={errors} />
          <div className="form-grid">
            <SelectField
              name="org_id"
              label={t("speakers.organizationLink")}
              defaultValue={values.org_id ?? ""}
              options={[{ value: "", label: "—" }, ...organizations.map((o) => ({ value: o.id, label: localized(o, "name", locale) }))]}
            />
            <Field name="email" type="email" label={t("speakers.email")} hint={t("speakers.emailHint")} maxLength={254} defaultValue={values.email ?? ""} error={errors.email} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              {editing ? t("common.save") : t("speakers.add")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
