import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { createAccount } from "~/auth/accounts.server";
import { SignupSchema } from "~/auth/auth.schema";
import { startSession } from "~/auth/lucia.server";
import { requireAnonymous } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { findInvitation } from "~/orgs/members.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, Notice } from "~/ui/field";
import { LocaleField, NewPasswordField } from "~/ui/form-controls";
import { ErrorSummary } from "~/ui/error-summary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The invitation a sign-up comes from, when the link is still valid. */
async function invitationFrom(token: string | null | undefined) {
  if (!token) return null;
  const invitation = await findInvitation(getDb(), token);
  return invitation ? { ...invitation, token } : null;
}

export async function loader(args: LoaderFunctionArgs) {
  requireAnonymous(args);
  const url = new URL(args.request.url);
  const locale = getLocale(args.request);
  const invitation = await invitationFrom(url.searchParams.get("invitation"));
  return json({
    title: translate(locale, "signup.title"),
    sent: url.searchParams.get("sent") === "1",
    invitation: invitation ? { token: invitation.token, email: invitation.email, org: localized(invitation, "name", locale) } : null,
  });
}

export async function action(args: ActionFunctionArgs) {
  requireAnonymous(args);
  const { request, context } = args;
  const locale = getLocale(request);
  const parsed = parseForm(await readForm(request), SignupSchema, locale);
  if (!parsed.ok) return actionFailed(parsed);
  const { invitation: token, ...input } = parsed.data;
  const invitation = await invitationFrom(token);
  // The invitation came by email to this very address: signing up through it proves the address.
  const addressProven = invitation !== null && invitation.email === input.email;
  const result = await createAccount(getDb(), input, { origin: context.origin, ip: context.clientIp, addressProven });
  if (addressProven) {
    const next = `/invitations/${invitation.token}`;
    if (result.kind === "exists") return redirect(`/login?redirectTo=${encodeURIComponent(next)}`);
    return redirect(next, { headers: { "Set-Cookie": await startSession(result.userId, context.secure) } });
  }
  // The same answer whether or not the address already had an account.
  return redirect("/signup?sent=1");
}

export default function Signup() {
  const { sent, invitation } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  if (sent) {
    return (
      <div className="container page narrow">
        <h1>{t("signup.sent.title")}</h1>
        <Notice>{t("signup.sent.body")}</Notice>
      </div>
    );
  }
  const values = data?.values ?? {};
  return (
    <div className="container page narrow">
      <h1>{t("signup.title")}</h1>
      <p className="lead">{invitation ? t("signup.invited", { org: invitation.org }) : t("signup.lead")}</p>
      <ErrorSummary errors={data?.errors ?? {}} />
      <Form method="post" className="form card" noValidate>
        {invitation ? <input type="hidden" name="invitation" value={invitation.token} /> : null}
        <Field
          name="name"
          label={t("signup.name")}
          autoComplete="name"
          required
          maxLength={120}
          defaultValue={values.name ?? ""}
          error={data?.errors?.name}
        />
        <Field
          name="email"
          type="email"
          label={t("signup.email")}
          autoComplete="email"
          required
          defaultValue={values.email ?? invitation?.email ?? ""}
          error={data?.errors?.email}
        />
        <NewPasswordField label={t("signup.password")} error={data?.errors?.password} />
        <LocaleField label={t("signup.locale")} defaultValue={values.locale ?? locale} error={data?.errors?.locale} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("signup.submit")}
        </button>
      </Form>
      <p className="form-links">
        {t("signup.haveAccount")}{" "}
        <Link to={invitation ? `/login?redirectTo=${encodeURIComponent(`/invitations/${invitation.token}`)}` : "/login"}>
          {t("login.submit")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
