import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { actionFailed } from "~/lib/action-result.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { pageParam, PAGE_SIZE } from "~/lib/paging";
import { createOrganization, listOrganizations } from "~/orgs/organizations.server";
import { CreateOrganizationSchema } from "~/orgs/org.schema";
import { AdminPageHead } from "~/ui/admin-page-head";
import { DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field } from "~/ui/field";
import { OrganizationFields } from "~/ui/organization-fields";
import { Pager } from "~/ui/pager";
import accountsStyles from "~/styles/accounts.css";
import { ErrorSummary } from "~/ui/error-summary";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "org.create" });
  const page = pageParam(new URL(args.request.url));
  const { rows, total } = await listOrganizations(getDb(), page);
  return json({ title: translate(getLocale(args.request), "admin.orgs"), orgs: rows, total, page, pageSize: PAGE_SIZE });
}

/** Staff create an organization and, in the same transaction, invite its first admin. */
export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "org.create" });
  const { request, context } = args;
  const locale = getLocale(request);
  const parsed = parseForm(await readForm(request), CreateOrganizationSchema, locale);
  if (!parsed.ok) return actionFailed(parsed);
  const adminEmail = parsed.data.admin_email;
  const user = { id: actor.user.id, email: actor.user.email, name: actor.user.name };
  const orgId = await createOrganization(getDb(), parsed.data, { actor: user, origin: context.origin, locale, ip: context.clientIp });
  if (!adminEmail) return redirect(`/orgs/${orgId}`);
  return redirectWithFlash(`/orgs/${orgId}/members`, { key: "members.invited", params: { email: adminEmail } }, context.secure);
}

export default function AdminOrganizations() {
  const { orgs, total, page, pageSize } = useLoaderData<typeof loader>();
  const search = useLocation().search;
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = data?.errors ?? {};
  return (
    <div className="container page">
      <AdminPageHead title={t("admin.orgs")} lead={t("admin.orgsLead")} />
      <section className="section" aria-labelledby="list-heading">
        <h2 id="list-heading">{t("admin.orgs.list")}</h2>
        <DataTable headings={[t("members.name"), t("orgs.kind"), t("admin.orgs.members"), t("admin.users.status")]}>
          {orgs.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/orgs/${o.id}`}>{localized(o, "name", locale)}</Link>
              </td>
              <td>{t(`orgs.kind.${o.kind}`)}</td>
              <td>
                <Link to={`/orgs/${o.id}/members`}>{o.members}</Link>
              </td>
              <td>
                {o.verified ? (
                  <span className="badge badge-success">{t("orgs.verified")}</span>
                ) : (
                  <span className="badge badge-muted">{t("orgs.notVerified")}</span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        <Pager page={page} pageSize={pageSize} total={total} search={search} />
      </section>
      <section className="section" aria-labelledby="create-heading">
        <h2 id="create-heading">{t("admin.orgs.create")}</h2>
        <ErrorSummary errors={errors} />
        <Form method="post" className="form card" noValidate>
          <OrganizationFields values={data?.values ?? {}} errors={errors} />
          <Field
            name="admin_email"
            type="email"
            label={t("admin.orgs.adminEmail")}
            hint={t("admin.orgs.adminEmailHint")}
            defaultValue={data?.values?.admin_email ?? ""}
            error={errors.admin_email}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("admin.orgs.create")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
