import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { acceptInvitation, findInvitation } from "~/orgs/members.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { InvalidLink } from "~/ui/invalid-link";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The page behind an invitation link: who invites whom, and the way to accept (signed in as the invited address). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const invitation = await findInvitation(getDb(), params.token ?? "");
  if (!invitation)
    return json({ title: translate(locale, "link.invalid.title"), invitation: null, token: "", user: null }, { status: 404 });
  return json({
    title: translate(locale, "invitation.title", { org: localized(invitation, "name", locale) }),
    invitation: {
      email: invitation.email,
      role: invitation.role,
      org_id: invitation.org_id,
      name_vi: invitation.name_vi,
      name_en: invitation.name_en,
    },
    token: params.token ?? "",
    user: context.user ? { email: context.user.email } : null,
  });
}

export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  const result = await acceptInvitation(getDb(), args.params.token ?? "", actor.user, args.context.clientIp);
  switch (result.kind) {
    case "accepted":
      return redirect(`/orgs/${result.orgId}`);
    case "wrongAccount":
      return json({ problem: "wrongAccount" as const }, { status: 403 });
    case "invalid":
      return json({ problem: "invalid" as const }, { status: 404 });
  }
}

export default function Invitation() {
  const { invitation, token, user } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  if (!invitation || data?.problem === "invalid") return <InvalidLink retry={{ to: "/", label: t("error.goHome") }} />;
  const org = localized(invitation, "name", locale);
  const back = encodeURIComponent(`/invitations/${token}`);
  const matches = user && user.email.toLowerCase() === invitation.email.toLowerCase();
  return (
    <div className="container page narrow">
      <h1>{t("invitation.title", { org })}</h1>
      <p className="lead">{t("invitation.lead", { org, role: t(`orgs.role.${invitation.role}`) })}</p>
      <p className="muted">{t("invitation.sentTo", { email: invitation.email })}</p>
      {!user ? (
        <>
          <p>{t("invitation.anonymous")}</p>
          <p className="row">
            <Link to={`/login?redirectTo=${back}`} className="button button-primary">
              {t("invitation.signIn")}
            </Link>{" "}
            <Link to={`/signup?invitation=${encodeURIComponent(token)}`} className="button">
              {t("invitation.signUp")}
            </Link>
          </p>
        </>
      ) : matches && data?.problem !== "wrongAccount" ? (
        <Form method="post">
          <button type="submit" className="button button-primary">
            {t("invitation.accept")}
          </button>
        </Form>
      ) : (
        <p className="alert alert-error" role="alert">
          {t("invitation.wrongAccount", { current: user.email, email: invitation.email })}
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
