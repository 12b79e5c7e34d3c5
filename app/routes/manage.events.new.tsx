import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { actionFailed } from "~/lib/action-result.server";
import { submitEventForm } from "~/events/event-editor.server";
import { listOrganizationChoices } from "~/events/manage.server";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/lib/form-body.server";
import eventsStyles from "~/styles/events.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { EventForm } from "~/ui/event-form";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventsStyles }];
export const meta: MetaFunction = () => [{ title: "Sự kiện mới · New event" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "event.create" });
  return json({ organizations: await listOrganizationChoices(getDb()) });
}

export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "event.create" });
  const result = await submitEventForm(getDb(), await readForm(args.request), getLocale(args.request), actor.user, args.context.clientIp);
  if (!result.ok) return actionFailed(result);
  return redirect(`/manage/events/${result.slug}`);
}

export default function NewEvent() {
  const { organizations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="container page">
      <h1>{t("manage.new")}</h1>
      <EventForm values={data?.values ?? {}} errors={data?.errors} organizations={organizations} submitLabel={t("manage.createDraft")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
