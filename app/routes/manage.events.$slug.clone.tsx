import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { cloneEvent } from "~/events/event-clone.server";
import { CloneEventSchema } from "~/events/event.schema";
import { actorRef, requireManagedEvent } from "~/events/manage.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms.server";
import { isoToVietnamLocal } from "~/lib/time";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field } from "~/ui/field";

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  return json({ slug: event.slug, startsAt: isoToVietnamLocal(event.starts_at) });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, event } = await requireManagedEvent(args);
  const locale = getLocale(args.request);
  const form = await readForm(args.request);
  const parsed = parseForm(form, CloneEventSchema, locale);
  if (!parsed.ok) return actionFailed(parsed);
  const outcome = await cloneEvent(getDb(), event, { slug: parsed.data.slug, startsAt: parsed.data.starts_at }, actorRef(actor, args.context));
  if (outcome.kind === "slug_taken") return actionFailed({ errors: { slug: translate(locale, "manage.slugTaken") }, values: formValues(form) });
  return redirectWithFlash(`/manage/events/${outcome.slug}`, { key: "clone.done" }, args.context.secure);
}

export default function CloneEvent() {
  const { slug, startsAt } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors: Record<string, string> = data && !data.ok ? data.errors : {};
  const values: Record<string, string> = data && !data.ok ? data.values : {};
  return (
    <section aria-labelledby="clone-heading" className="stack">
      <h2 id="clone-heading">{t("clone.title")}</h2>
      <p className="muted">{t("clone.lead")}</p>
      <Form method="post" className="form card" noValidate>
        <Field name="slug" label={t("manage.field.slug")} hint={t("manage.field.slugHint")} required maxLength={80} defaultValue={values.slug ?? `${slug}-2`} error={errors.slug} />
        <Field name="starts_at" type="datetime-local" label={t("clone.startsAt")} hint={t("clone.startsAtHint")} required defaultValue={values.starts_at ?? startsAt} error={errors.starts_at} />
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t("clone.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
