import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { changePassword, loadAccount, resendVerification, updateProfile } from "~/auth/accounts.server";
import { ChangePasswordSchema, ProfileSchema } from "~/auth/auth.schema";
import { endOtherSessions } from "~/auth/lucia.server";
import { listApiTokens } from "~/api/tokens.server";
import { can, requireActor } from "~/auth/permissions.server";
import { readDigestChoice, saveDigestChoice } from "~/commitments/digest-choice.server";
import { getDb } from "~/db.server";
import { getLocale, localeCookie } from "~/i18n/locale.server";
import { localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { formState } from "~/lib/action-result";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field } from "~/ui/field";
import { LocaleField, NewPasswordField } from "~/ui/form-controls";
import { DigestChoice } from "~/ui/commitments/digest-choice";
import { ApiTokensSection } from "~/ui/api-tokens";
import { OrgLogo } from "~/ui/org-logo";
import accountsStyles from "~/styles/accounts.css";
import { ErrorSummary } from "~/ui/error-summary";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];
// A rendered page takes its headers from here: this is how a throttled answer's Retry-After gets out.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const account = await loadAccount(getDb(), actor.user.id);
  return json({
    title: translate(getLocale(args.request), "account.title"),
    ...account,
    digest: await readDigestChoice(getDb(), actor.user.id),
    apiTokens: { canCreate: can(actor, { action: "api.token.create" }), tokens: await listApiTokens(getDb(), actor.user.id) },
  });
}

export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  const { request, context } = args;
  const locale = getLocale(request);
  const form = await readForm(request);
  const db = getDb();
  switch (form.get("intent")) {
    case "profile": {
      const parsed = parseForm(form, ProfileSchema, locale);
      if (!parsed.ok) return actionFailed(parsed);
      await updateProfile(db, actor.user.id, parsed.data, context.clientIp);
      // The pages follow the preferred language from now on, like the emails.
      return redirectWithFlash("/account", { key: "account.saved" }, context.secure, { "Set-Cookie": localeCookie(parsed.data.locale, context.secure) });
    }
    case "password": {
      const parsed = parseForm(form, ChangePasswordSchema, locale);
      // Only the intent comes back: a password is never sent back to the page.
      if (!parsed.ok) return actionFailed({ errors: parsed.errors, values: { intent: "password" } });
      const change = await changePassword(db, actor.user.id, parsed.data.current, parsed.data.password, context.clientIp);
      if (change.kind === "wrong")
        return actionFailed({ errors: { current: translate(locale, "account.password.wrong") }, values: { intent: "password" } });
      if (change.kind === "throttled")
        return actionFailed(
          { errors: { current: translate(locale, "account.password.throttled") }, values: { intent: "password" } },
          { status: 429, headers: { "Retry-After": String(change.retryAfterSeconds) } },
        );
      await endOtherSessions(actor.user.id, context.sessionId);
      return redirectWithFlash("/account", { key: "account.passwordChanged" }, context.secure);
    }
    case "digest": {
      const on = form.get("commitment_digest") === "on";
      await saveDigestChoice(db, actor.user.id, on, context.clientIp);
      return redirectWithFlash("/account", { key: on ? "account.digest.on" : "account.digest.off" }, context.secure);
    }
    case "resend": {
      if (!actor.user.emailVerified) await resendVerification(db, actor.user, context.origin);
      return redirectWithFlash("/account", { key: "account.resent" }, context.secure);
    }
    default:
      return actionFailed({ errors: { _form: translate(locale, "validation.invalid") } });
  }
}

export default function Account() {
  const { user, memberships, digest, apiTokens } = useLoaderData<typeof loader>();
  const { errors, values: submitted } = formState(useActionData<typeof action>());
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const profileErrors = submitted.intent === "profile" ? errors : {};
  const passwordErrors = submitted.intent === "password" ? errors : {};
  const values = submitted.intent === "profile" ? submitted : {};
  const roles = [user.is_staff ? t("account.role.staff") : null, user.is_organizer ? t("account.role.organizer") : null].filter(Boolean);
  return (
    <div className="container page">
      <header className="page-head">
        <h1>{t("account.title")}</h1>
        <p className="lead">
          {user.email}
          {roles.length ? ` · ${roles.join(", ")}` : null}
        </p>
      </header>
      {!user.email_verified_at ? (
        <div className="alert alert-info account-verify">
          <p>{t("account.unverified")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="resend" className="button button-small">
              {t("account.resend")}
            </button>
          </Form>
        </div>
      ) : null}
      <div className="account-grid">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">{t("account.profile")}</h2>
          <ErrorSummary errors={profileErrors} />
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="profile" />
            <Field
              name="name"
              label={t("account.name")}
              autoComplete="name"
              required
              maxLength={120}
              defaultValue={values.name ?? user.name}
              error={profileErrors.name}
            />
            <Field
              name="phone"
              type="tel"
              label={t("account.phone")}
              autoComplete="tel"
              maxLength={120}
              defaultValue={values.phone ?? user.phone ?? ""}
              error={profileErrors.phone}
            />
            <Field
              name="position"
              label={t("account.position")}
              autoComplete="organization-title"
              maxLength={120}
              defaultValue={values.position ?? user.position ?? ""}
              error={profileErrors.position}
            />
            <LocaleField label={t("account.locale")} defaultValue={values.locale ?? user.locale} error={profileErrors.locale} />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("account.saveProfile")}
              </button>
            </div>
          </Form>
        </section>

        <section className="card" aria-labelledby="password-heading">
          <h2 id="password-heading">{t("account.passwordTitle")}</h2>
          <p className="muted">{t("account.passwordLead")}</p>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="password" />
            <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
            <Field
              id="field-current"
              name="current"
              type="password"
              label={t("account.current")}
              autoComplete="current-password"
              required
              error={passwordErrors.current}
            />
            <NewPasswordField id="field-new-password" label={t("reset.password")} error={passwordErrors.password} />
            <Field
              id="field-confirm"
              name="confirm"
              type="password"
              label={t("reset.confirm")}
              autoComplete="new-password"
              required
              error={passwordErrors.confirm}
            />
            <div className="form-actions">
              <button type="submit" className="button" disabled={busy}>
                {t("account.changePassword")}
              </button>
            </div>
          </Form>
        </section>
      </div>

      <DigestChoice on={digest} />

      {apiTokens.canCreate || apiTokens.tokens.length ? <ApiTokensSection {...apiTokens} /> : null}

      <section className="section" aria-labelledby="orgs-heading">
        <h2 id="orgs-heading">{t("account.memberships")}</h2>
        {memberships.length ? (
          <ul className="membership-list">
            {memberships.map((m) => (
              <li key={m.id} className="card membership">
                <OrgLogo name={localized(m, "name", locale)} shortName={m.short_name} fileId={m.logo_file_id} />
                <div>
                  <Link to={`/orgs/${m.id}`} className="card-title">
                    {localized(m, "name", locale)}
                  </Link>
                  <p className="muted small">{t(`orgs.role.${m.role}`)}</p>
                </div>
                {m.role === "admin" ? (
                  <Link to={`/orgs/${m.id}/members`} className="button button-small button-quiet">
                    {t("orgs.manageMembers")}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("account.noMemberships")}</p>
        )}
        <p>
          <Link to="/orgs/new" className="button">
            {t("orgs.register.title")}
          </Link>
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
