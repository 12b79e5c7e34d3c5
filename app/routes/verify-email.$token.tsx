import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { verifyEmail } from "~/auth/accounts.server";
import { peekToken } from "~/auth/tokens.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { redirectWithFlash } from "~/lib/flash.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { InvalidLink } from "~/ui/invalid-link";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * The link only shows a button; the address is confirmed by the POST. A GET changes nothing, so
 * mail scanners that open links cannot use it up.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = await peekToken(getDb(), params.token ?? "", "verify_email");
  const title = translate(getLocale(request), "verifyEmail.title");
  if (!token) return json({ title, email: null }, { status: 404 });
  return json({ title, email: token.email });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const verified = await verifyEmail(getDb(), params.token ?? "", context.clientIp);
  if (!verified) return json({ invalid: true }, { status: 404 });
  if (context.user) return redirect("/account");
  return redirectWithFlash("/login", { key: "login.notice.verified" }, context.secure);
}

export default function VerifyEmail() {
  const { email } = useLoaderData<typeof loader>();
  const t = useT();
  if (!email) return <InvalidLink retry={{ to: "/login", label: t("login.title") }} />;
  return (
    <div className="container page narrow">
      <h1>{t("verifyEmail.title")}</h1>
      <p className="lead">{t("verifyEmail.lead", { email })}</p>
      <Form method="post">
        <button type="submit" className="button button-primary">
          {t("verifyEmail.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
