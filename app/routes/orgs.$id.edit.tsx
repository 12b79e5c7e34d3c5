import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { readImageUpload } from "~/files/files.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { parseForm } from "~/lib/forms.server";
import { describeRefusal, readUploadForm } from "~/lib/form-body.server";
import { findOrganization, logoError, MAX_LOGO_BYTES, updateOrganization } from "~/orgs/organizations.server";
import { OrganizationSchema } from "~/orgs/org.schema";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field } from "~/ui/field";
import { OrganizationFields } from "~/ui/organization-fields";
import { OrgLogo } from "~/ui/org-logo";
import accountsStyles from "~/styles/accounts.css";
import { ErrorSummary } from "~/ui/error-summary";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.title }] : []);

async function loadEditable(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const orgId = args.params.id ?? "";
  requirePermission(actor, { action: "org.edit", orgId });
  const org = await findOrganization(getDb(), orgId);
  if (!org) throw new Response("Not found", { status: 404 });
  return { actor, org };
}

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await loadEditable(args);
  return json({ title: translate(getLocale(args.request), "orgs.form.editTitle"), org });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, org } = await loadEditable(args);
  const locale = getLocale(args.request);
  const upload = await readUploadForm(args.request, { maxFileBytes: MAX_LOGO_BYTES });
  if (!upload.ok) {
    const { status, message } = describeRefusal(locale, upload, "common.unreadableForm");
    return json({ errors: { logo: message }, values: {} as Record<string, string> }, { status });
  }
  const parsed = parseForm(upload.form, OrganizationSchema, locale);
  const logo = await readImageUpload(upload.form.get("logo"), MAX_LOGO_BYTES);
  const badLogo = logoError(logo, locale);
  if (!parsed.ok || badLogo) {
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...(badLogo ? { logo: badLogo } : {}) };
    const values = parsed.ok ? {} : parsed.values;
    return json({ errors, values }, { status: 400 });
  }
  await updateOrganization(getDb(), org.id, parsed.data, logo, actor.user, args.context.clientIp);
  return redirect(`/orgs/${org.id}`);
}

export default function EditOrganization() {
  const { org } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string | number | null> = data ? { ...data.values } : org;
  return (
    <div className="container page narrow">
      <p>
        <Link to={`/orgs/${org.id}`}>← {t("common.back")}</Link>
      </p>
      <h1>{t("orgs.form.editTitle")}</h1>
      <ErrorSummary errors={errors} />
      <Form method="post" encType="multipart/form-data" className="form card" noValidate>
        <OrganizationFields values={values} errors={errors} />
        <div className="org-head">
          <OrgLogo name={org.name_vi} shortName={org.short_name} fileId={org.logo_file_id} />
          <Field
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            label={t("orgs.form.logo")}
            hint={t("orgs.form.logoHint")}
            error={errors.logo}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("common.save")}
          </button>
          <Link to={`/orgs/${org.id}`} className="button button-quiet">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
