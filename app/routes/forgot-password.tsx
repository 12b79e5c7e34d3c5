import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/accounts.server";
import { ForgotPasswordSchema } from "~/auth/auth.schema";
import { requireAnonymous } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, Notice } from "~/ui/field";
import { ErrorSummary } from "~/ui/error-summary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  requireAnonymous(args, "/account");
  const sent = new URL(args.request.url).searchParams.get("sent") === "1";
  return json({ title: translate(getLocale(args.request), "forgot.title"), sent });
}

export async function action(args: ActionFunctionArgs) {
  requireAnonymous(args, "/account");
  const { request, context } = args;
  const parsed = parseForm(await readForm(request), ForgotPasswordSchema, getLocale(request));
  if (!parsed.ok) return actionFailed(parsed);
  await requestPasswordReset(getDb(), parsed.data.email, context.origin);
  // The same answer whether or not the address has an account, so it leaks nothing.
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container page narrow">
      <h1>{t("forgot.title")}</h1>
      {sent ? (
        <Notice>{t("forgot.sent")}</Notice>
      ) : (
        <>
          <p className="lead">{t("forgot.lead")}</p>
          <ErrorSummary errors={data?.errors ?? {}} />
          <Form method="post" className="form card" noValidate>
            <Field
              name="email"
              type="email"
              label={t("login.email")}
              autoComplete="email"
              required
              defaultValue={data?.values?.email ?? ""}
              error={data?.errors?.email}
            />
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("forgot.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
