import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { resendVerification } from "~/auth/accounts.server";
import { homeFor, signIn } from "~/auth/login.server";
import { LoginSchema } from "~/auth/auth.schema";
import { startSession } from "~/auth/lucia.server";
import { requireAnonymous } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { formState } from "~/lib/action-result";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field } from "~/ui/field";
import { ErrorSummary } from "~/ui/error-summary";

export const meta: MetaFunction = () => [{ title: "Đăng nhập · Sign in" }];
// A rendered page takes its headers from here: this is how a throttled answer's Retry-After gets out.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader(args: LoaderFunctionArgs) {
  requireAnonymous(args);
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const locale = getLocale(request);
  const form = await readForm(request);
  const parsed = parseForm(form, LoginSchema, locale);
  if (!parsed.ok) return actionFailed(parsed);
  const { email, password, redirectTo } = parsed.data;
  const db = getDb();
  const result = await signIn(db, { email, password, ip: context.clientIp });
  const refuse = (key: "login.failed" | "login.throttled" | "login.unverified", status: number, headers?: HeadersInit) =>
    actionFailed({ errors: { _form: translate(locale, key) }, values: { email } }, { status, headers });
  switch (result.kind) {
    case "throttled":
      return refuse("login.throttled", 429, { "Retry-After": String(result.retryAfterSeconds) });
    case "failed":
      return refuse("login.failed", 400);
    case "unverified":
      await resendVerification(db, result.user, context.origin);
      return refuse("login.unverified", 403);
    case "ok": {
      const cookie = await startSession(result.user.id, context.secure);
      return redirect(safeRedirect(redirectTo, homeFor(result.user)), { headers: { "Set-Cookie": cookie } });
    }
  }
}

export default function Login() {
  const t = useT();
  const { errors, values } = formState(useActionData<typeof action>());
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container page narrow">
      <h1>{t("login.title")}</h1>
      <p className="lead">{t("login.lead")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="form card" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          name="email"
          type="email"
          label={t("login.email")}
          autoComplete="email"
          required
          defaultValue={values.email ?? ""}
          error={errors.email}
        />
        <Field
          name="password"
          type="password"
          label={t("login.password")}
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="form-links">
        <Link to="/forgot-password">{t("login.forgot")}</Link>
        {" · "}
        {t("login.noAccount")} <Link to="/signup">{t("login.signup")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
