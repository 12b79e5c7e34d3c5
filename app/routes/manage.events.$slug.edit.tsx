import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { actionFailed } from "~/lib/action-result.server";
import { loadEventFormValues, submitEventForm } from "~/events/event-editor.server";
import { fillSeatsAfterEdit } from "~/events/event-lifecycle.server";
import { listOrganizationChoices, requireManagedEvent } from "~/events/manage.server";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/lib/form-body.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { EventForm } from "~/ui/event-form";

export async function loader(args: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(args);
  const db = getDb();
  const [organizations, values] = await Promise.all([listOrganizationChoices(db), loadEventFormValues(db, event)]);
  return json({ organizations, values });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, event } = await requireManagedEvent(args);
  const db = getDb();
  const result = await submitEventForm(db, await readForm(args.request), getLocale(args.request), actor.user, args.context.clientIp, event);
  if (!result.ok) return actionFailed(result);
  // More seats than before: the waitlist moves up at once, each person told by email.
  await fillSeatsAfterEdit(db, event.id, { origin: args.context.origin });
  return redirect(`/manage/events/${result.slug}`);
}

export default function EditEvent() {
  const { organizations, values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <section aria-labelledby="edit-heading">
      <h2 id="edit-heading">{t("manage.tab.edit")}</h2>
      <EventForm values={data?.values ?? values} errors={data?.errors} organizations={organizations} submitLabel={t("common.save")} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
