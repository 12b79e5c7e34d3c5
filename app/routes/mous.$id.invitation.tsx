import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { chooseInvitedOrganization } from "~/mous/email-invitations.server";
import { acceptParty, declineParty, requireInvitation } from "~/mous/parties.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SampleBadge } from "~/ui/layout";
import stylesheet from "~/styles/mous.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The invitation to answer; someone who already takes part goes to the MoU. */
async function loadInvitation(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const invitation = await requireInvitation(getDb(), actor, args.params.id ?? "");
  if (invitation.kind === "takingPart") throw redirect(`/mous/${args.params.id}`);
  return { actor, invitation };
}

export async function loader(args: LoaderFunctionArgs) {
  const { invitation } = await loadInvitation(args);
  return json({ title: translate(getLocale(args.request), "mous.invitation.title"), ...invitation });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, invitation } = await loadInvitation(args);
  const db = getDb();
  const form = await readForm(args.request);
  const orgId = String(form.get("org_id") ?? "");
  const acting = { user: actor.user, ip: args.context.clientIp };
  if (invitation.kind === "byEmail") {
    // Only an admin answers for an organization; the party it becomes is then accepted as any other.
    requirePermission(actor, { action: "mou.respond", party: { org_id: orgId, accepted_at: null } }, { hideAs404: true });
    await chooseInvitedOrganization(db, { ...acting, email: actor.user.email }, invitation.mou.id, orgId);
    return redirect(`/mous/${invitation.mou.id}/invitation`);
  }
  const { mou, invited } = invitation;
  if (!invited.some((p) => p.org_id === orgId)) throw new Response("Not found", { status: 404 });
  switch (form.get("intent")) {
    case "accept":
      await acceptParty(db, acting, mou.id, orgId);
      return redirectWithFlash(`/mous/${mou.id}`, { key: "mous.notice.partyAccepted" }, args.context.secure);
    case "decline":
      await declineParty(db, acting, mou.id, orgId);
      return redirectWithFlash("/mous", { key: "mous.invitation.declined" }, args.context.secure);
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

export default function MouInvitation() {
  const data = useLoaderData<typeof loader>();
  const { mou, lead } = data;
  const t = useT();
  const locale = useLocale();
  const leadName = lead ? localized(lead, "name", locale) : "—";
  return (
    <div className="container page narrow">
      <h1>{t("mous.invitation.title")}</h1>
      <p className="eyebrow">
        <span className="mono">{mou.reference}</span>
        {mou.is_sample ? <SampleBadge /> : null}
      </p>
      <h2>{localized(mou, "title", locale)}</h2>
      {data.kind === "byEmail" ? (
        <section className="card stack">
          <p>{t("mous.invitation.byEmail", { lead: leadName })}</p>
          {data.organizations.length ? (
            <Form method="post" noValidate className="stack">
              <fieldset className="fieldset">
                <legend>{t("mous.invitation.chooseOrg")}</legend>
                {data.organizations.map((o, i) => (
                  <label key={o.id} className="choice">
                    <input type="radio" name="org_id" value={o.id} defaultChecked={i === 0} /> {localized(o, "name", locale)}
                  </label>
                ))}
              </fieldset>
              <button type="submit" name="intent" value="choose" className="button button-primary">
                {t("mous.invitation.choose")}
              </button>
            </Form>
          ) : null}
          <p>
            <Link to="/orgs/new">{t("mous.invitation.registerOrg")}</Link>
          </p>
        </section>
      ) : null}
      {(data.kind === "invited" ? data.invited : []).map((party) => (
        <section className="card stack" key={party.org_id}>
          <p>{t("mous.invitation.lead", { lead: leadName, organization: localized(party, "name", locale) })}</p>
          <Form method="post" noValidate className="row">
            <input type="hidden" name="org_id" value={party.org_id} />
            <button type="submit" name="intent" value="accept" className="button button-primary">
              {t("mous.invitation.accept")}
            </button>
            <button type="submit" name="intent" value="decline" className="button">
              {t("mous.invitation.decline")}
            </button>
          </Form>
          <p className="muted small">{t("mous.invitation.declineHint")}</p>
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
