import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { resetPassword } from "~/auth/accounts.server";
import { ResetPasswordSchema } from "~/auth/auth.schema";
import { endOtherSessions, endSession } from "~/auth/lucia.server";
import { peekToken } from "~/auth/tokens.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { formState } from "~/lib/action-result";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field } from "~/ui/field";
import { NewPasswordField } from "~/ui/form-controls";
import { InvalidLink } from "~/ui/invalid-link";
import { ErrorSummary } from "~/ui/error-summary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = await peekToken(getDb(), params.token ?? "", "reset_password");
  const title = translate(getLocale(request), "reset.title");
  return json({ title, email: token?.email ?? null }, { status: token ? 200 : 404 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(await readForm(request), ResetPasswordSchema, getLocale(request));
  if (!parsed.ok) return actionFailed({ errors: parsed.errors });
  const userId = await resetPassword(getDb(), params.token ?? "", parsed.data.password, context.clientIp);
  // `token` is no field of the form: the page shows the invalid link, not a field error.
  if (!userId) return actionFailed({ errors: { token: translate(getLocale(request), "link.invalid.title") } }, 404);
  // Whoever knew the old password is signed out everywhere, this browser included.
  await endOtherSessions(userId, null);
  const cookie = await endSession(context.sessionId, context.secure);
  return redirectWithFlash("/login", { key: "login.notice.reset" }, context.secure, { "Set-Cookie": cookie });
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const { errors } = formState(useActionData<typeof action>());
  const t = useT();
  const busy = useNavigation().state === "submitting";
  if (!email || errors.token) return <InvalidLink retry={{ to: "/forgot-password", label: t("forgot.title") }} />;
  return (
    <div className="container page narrow">
      <h1>{t("reset.title")}</h1>
      <p className="lead">{t("reset.lead", { email })}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="form card" noValidate>
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <NewPasswordField label={t("reset.password")} error={errors.password} />
        <Field
          name="confirm"
          type="password"
          label={t("reset.confirm")}
          autoComplete="new-password"
          required
          error={errors.confirm}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("reset.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
