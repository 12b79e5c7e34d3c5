import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { can, requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { actionFailed } from "~/lib/action-result.server";
import { formState } from "~/lib/action-result";
import { DomainError } from "~/lib/domain-error";
import { redirectWithFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/form-body.server";
import { formValues, parseForm } from "~/lib/forms.server";
import { searchOrganizations } from "~/orgs/join-requests.server";
import { registerOrganization } from "~/orgs/registration.server";
import { RegisterOrganizationSchema } from "~/orgs/org.schema";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field } from "~/ui/field";
import { OrganizationFields } from "~/ui/organization-fields";
import accountsStyles from "~/styles/accounts.css";
import { ErrorSummary } from "~/ui/error-summary";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** Register an organization, or find one already on the portal and ask to join it. */
export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const q = new URL(args.request.url).searchParams.get("q") ?? "";
  return json({
    title: translate(getLocale(args.request), "orgs.register.title"),
    mayRegister: can(actor, { action: "org.register" }),
    q,
    found: q ? await searchOrganizations(getDb(), q) : null,
  });
}

export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "org.register" });
  const locale = getLocale(args.request);
  const form = await readForm(args.request);
  const parsed = parseForm(form, RegisterOrganizationSchema, locale);
  if (!parsed.ok) return actionFailed(parsed);
  try {
    const orgId = await registerOrganization(getDb(), parsed.data, actor.user, args.context.clientIp);
    return redirectWithFlash(`/orgs/${orgId}`, { key: "orgs.register.done" }, args.context.secure);
  } catch (error) {
    if (error instanceof DomainError && error.messageKey && error.field) {
      return actionFailed({ errors: { [error.field]: translate(locale, error.messageKey) }, values: formValues(form) }, 409);
    }
    throw error;
  }
}

export default function RegisterOrganization() {
  const { mayRegister, q, found } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const { errors, values } = formState(data);
  return (
    <div className="container page narrow">
      <header className="page-head">
        <h1>{t("orgs.register.title")}</h1>
        <p className="lead">{t("orgs.register.lead")}</p>
      </header>
      <section className="section" aria-labelledby="find-heading">
        <h2 id="find-heading">{t("orgs.find.title")}</h2>
        <Form method="get" className="form inline-form">
          <Field name="q" label={t("orgs.find.label")} defaultValue={q} maxLength={100} />
          <button type="submit" className="button">
            {t("orgs.find.submit")}
          </button>
        </Form>
        {found ? (
          found.length ? (
            <ul className="stack">
              {found.map((o) => (
                <li key={o.id}>
                  <Link to={`/orgs/${o.id}`}>{localized(o, "name", locale)}</Link> {o.province ? <span className="muted small">· {o.province}</span> : null}{" "}
                  {mayRegister ? (
                    <Form method="post" action={`/orgs/${o.id}/join`} className="inline-form">
                      <button type="submit" className="button button-small">
                        {t("orgs.join.ask")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t("orgs.find.none")}</p>
          )
        ) : null}
      </section>
      <section className="section" aria-labelledby="register-heading">
        <h2 id="register-heading">{t("orgs.register.title")}</h2>
        {mayRegister ? (
          <>
            <ErrorSummary errors={errors} />
            <Form method="post" className="form card" noValidate>
              <OrganizationFields values={values} errors={errors} />
              <Field name="tax_code" label={t("orgs.taxCode")} hint={t("orgs.taxCode.hint")} required maxLength={20} inputMode="numeric" defaultValue={values.tax_code ?? ""} error={errors.tax_code} />
              <Field name="address" label={t("orgs.address")} maxLength={300} defaultValue={values.address ?? ""} error={errors.address} />
              <Field name="contact_name" label={t("orgs.contact")} required maxLength={200} defaultValue={values.contact_name ?? ""} error={errors.contact_name} />
              <Field name="contact_email" type="email" label={t("orgs.contactEmail")} required maxLength={254} defaultValue={values.contact_email ?? ""} error={errors.contact_email} />
              <Field name="contact_phone" type="tel" label={t("orgs.contactPhone")} maxLength={40} defaultValue={values.contact_phone ?? ""} error={errors.contact_phone} />
              <div className="form-actions">
                <button type="submit" className="button button-primary" disabled={busy}>
                  {t("orgs.register.submit")}
                </button>
              </div>
            </Form>
          </>
        ) : (
          <p className="notice">{t("orgs.register.confirmEmail")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
