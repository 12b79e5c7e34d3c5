import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { findSpeakerByToken, MAX_PHOTO_BYTES, readPhoto, speakerFormErrors, updateOwnProfile } from "~/events/speakers.server";
import { SpeakerSchema } from "~/events/event.schema";
import { getLocale } from "~/i18n/locale.server";
import { localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { formValues, parseForm } from "~/lib/forms.server";
import { describeRefusal, readUploadForm } from "~/lib/form-body.server";
import eventsStyles from "~/styles/events.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Avatar } from "~/ui/initials";
import { SpeakerFields } from "~/ui/speaker-fields";
import { ErrorSummary } from "~/ui/error-summary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventsStyles }];
export const meta: MetaFunction = () => [{ title: "Hồ sơ diễn giả · Speaker profile" }, { name: "robots", content: "noindex" }];

async function requireSpeaker(token: string | undefined) {
  const speaker = await findSpeakerByToken(getDb(), token ?? "");
  if (!speaker) throw new Response("Not found", { status: 404 });
  return speaker;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { invite_token_hash, event_title_vi, event_title_en, ...speaker } = await requireSpeaker(params.token);
  return json({ speaker, event: { title_vi: event_title_vi, title_en: event_title_en } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { event_title_vi, event_title_en, event_slug, ...speaker } = await requireSpeaker(params.token);
  const locale = getLocale(request);
  const upload = await readUploadForm(request, { maxFileBytes: MAX_PHOTO_BYTES });
  if (!upload.ok) {
    const { status, message } = describeRefusal(locale, upload, "common.unreadableForm");
    return json({ errors: { photo: message }, values: {}, saved: false }, { status });
  }
  const form = upload.form;
  const parsed = parseForm(form, SpeakerSchema, locale);
  const photo = await readPhoto(form);
  const errors = speakerFormErrors(parsed.ok ? null : parsed.errors, photo, locale);
  if (!parsed.ok || errors) {
    return json({ errors, values: formValues(form), saved: false }, { status: 400 });
  }
  await updateOwnProfile(getDb(), speaker, parsed.data, photo);
  return json({ errors: {}, values: {}, saved: true });
}

export default function SpeakerProfile() {
  const { speaker, event } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string | null> = data?.values && Object.keys(data.values).length ? data.values : speaker;
  return (
    <div className="container page narrow">
      <h1>{t("speakers.profileTitle")}</h1>
      <p className="lead">{t("speakers.profileLead", { event: localized(event, "title", locale) })}</p>
      {data?.saved ? (
        <div className="alert alert-success" role="status">
          {t("speakers.profileSaved")}
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <p>
        <Avatar name={speaker.name} fileId={speaker.photo_file_id} size="lg" />
      </p>
      <Form method="post" encType="multipart/form-data" className="form card" noValidate>
        <SpeakerFields values={values} errors={errors} />
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t("common.save")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
