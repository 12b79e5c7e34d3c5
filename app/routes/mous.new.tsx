import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { createMou, parseDraftForm } from "~/mous/drafts.server";
import { listContactCandidates } from "~/commitments/contact.server";
import { listEventsForPicker, listOrganizationsForPicker } from "~/mous/mous.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { MouForm } from "~/ui/mou-form";
import stylesheet from "~/styles/mous.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "mou.create" });
  const db = getDb();
  // Before the parties are saved, the drafter's own people are the ones to offer as contacts.
  const [organizations, events, contacts] = await Promise.all([listOrganizationsForPicker(db), listEventsForPicker(db), listContactCandidates(db, actor.memberships.map((m) => m.org_id))]);
  // The drafter's own organization is the first party and the lead, as a starting point.
  const initial: Record<string, string> = { "parties.0.org_id": actor.memberships[0]?.org_id ?? "", lead: "0", visibility: "private" };
  return json({ title: translate(getLocale(args.request), "mous.new.title"), organizations, events, contacts, initial });
}

export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "mou.create" });
  const locale = getLocale(args.request);
  const form = await readForm(args.request);
  const parsed = await parseDraftForm(getDb(), form, actor, locale, { creating: true });
  if (!parsed.ok) return actionFailed(parsed);
  const { id } = await createMou(getDb(), actor, parsed.data, parsed.leadOrg, args.context.clientIp);
  return redirect(`/mous/${id}`);
}

export default function NewMou() {
  const { organizations, events, contacts, initial } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="container page narrow">
      <h1>{t("mous.new.title")}</h1>
      <p className="lead">{t("mous.new.lead")}</p>
      <MouForm values={data?.values ?? initial} errors={data?.errors ?? {}} organizations={organizations} events={events} contacts={contacts} submitLabel={t("mous.new.submit")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
