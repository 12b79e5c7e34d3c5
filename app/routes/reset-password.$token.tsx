import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { resetPassword, ResetPasswordSchema } from "~/auth/accounts.server";
import { endOtherSessions, endSession } from "~/auth/lucia.server";
import { peekToken } from "~/auth/tokens.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormAlert } from "~/ui/field";
import { NewPasswordField } from "~/ui/form-controls";
import { InvalidLink } from "~/ui/invalid-link";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = await peekToken(getDb(), params.token ?? "", "reset_password");
  const title = translate(getLocale(request), "reset.title");
  return json({ title, email: token?.email ?? null }, { status: token ? 200 : 404 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(await readForm(request), ResetPasswordSchema, getLocale(request));
  if (!parsed.ok) return json({ errors: parsed.errors, invalid: false }, { status: 400 });
  const userId = await resetPassword(getDb(), params.token ?? "", parsed.data.password, context.clientIp);
  if (!userId) return json({ errors: null, invalid: true }, { status: 404 });
  // Whoever knew the old password is signed out everywhere, this browser included.
  await endOtherSessions(userId, null);
  const cookie = await endSession(context.sessionId, context.secure);
  return redirect("/login?notice=reset", { headers: { "Set-Cookie": cookie } });
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  if (!email || data?.invalid) return <InvalidLink retry={{ to: "/forgot-password", label: t("forgot.title") }} />;
  return (
    <div className="container page narrow">
      <h1>{t("reset.title")}</h1>
      <p className="lead">{t("reset.lead", { email })}</p>
      {data?.errors ? <FormAlert>{t("common.formHasErrors")}</FormAlert> : null}
      <Form method="post" className="form card" noValidate>
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <NewPasswordField label={t("reset.password")} error={data?.errors?.password} />
        <Field
          name="confirm"
          type="password"
          label={t("reset.confirm")}
          autoComplete="new-password"
          required
          error={data?.errors?.confirm}
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
