import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { formState } from "~/lib/action-result";
import { actionFailed } from "~/lib/action-result.server";
import { DomainError } from "~/lib/domain-error";
import { redirectWithFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { decideJoinRequest, listJoinRequests, saveJoinSettings } from "~/orgs/join-requests.server";
import { JoinDecisionSchema, JoinSettingsSchema } from "~/orgs/org.schema";
import { findOrganization } from "~/orgs/organizations.server";
import { DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field } from "~/ui/field";
import { PostButton } from "~/ui/post-button";
import accountsStyles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** Only the organization's own admins see who asks to join it, and decide. */
async function requireOrgAdmin(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const orgId = args.params.id ?? "";
  requirePermission(actor, { action: "org.join.decide", orgId });
  const org = await findOrganization(getDb(), orgId);
  if (!org) throw new DomainError("notFound");
  return { actor, org };
}

export async function loader(args: LoaderFunctionArgs) {
  const { org } = await requireOrgAdmin(args);
  const locale = getLocale(args.request);
  return json({ title: translate(locale, "orgs.join.requests"), org, requests: await listJoinRequests(getDb(), org.id) });
}

export async function action(args: ActionFunctionArgs) {
  const { actor, org } = await requireOrgAdmin(args);
  const locale = getLocale(args.request);
  const form = await readForm(args.request);
  const ip = args.context.clientIp;
  if (form.get("intent") === "settings") {
    const parsed = parseForm(form, JoinSettingsSchema, locale);
    if (!parsed.ok) return actionFailed(parsed);
    await saveJoinSettings(getDb(), actor.user, org.id, parsed.data, ip);
    return redirectWithFlash(`/orgs/${org.id}/requests`, { key: "orgs.join.settingsSaved" }, args.context.secure);
  }
  const parsed = parseForm(form, JoinDecisionSchema, locale);
  if (!parsed.ok) return actionFailed(parsed);
  await decideJoinRequest(getDb(), actor.user, org.id, parsed.data, ip);
  return redirectWithFlash(`/orgs/${org.id}/requests`, { key: "orgs.join.decided" }, args.context.secure);
}

export default function JoinRequests() {
  const { org, requests } = useLoaderData<typeof loader>();
  const { errors, values } = formState(useActionData<typeof action>());
  const t = useT();
  const locale = useLocale();
  return (
    <div className="container page">
      <header className="page-head">
        <p className="eyebrow">{localized(org, "name", locale)}</p>
        <h1>{t("orgs.join.requests")}</h1>
      </header>
      <section className="section">
        {requests.rows.length ? (
          <DataTable headings={[t("members.name"), t("members.email"), t("members.actions")]}>
            {requests.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.name}
                  {r.message ? <p className="muted small">{r.message}</p> : null}
                  <p className="muted small">{formatDate(r.created_at, locale, "dateTime")}</p>
                </td>
                <td>{r.email}</td>
                <td className="row-actions">
                  <PostButton fields={{ request_id: r.id, decision: "approve" }} className="button button-small button-primary">
                    {t("orgs.join.approve")}
                  </PostButton>
                  <PostButton fields={{ request_id: r.id, decision: "decline" }}>{t("orgs.join.decline")}</PostButton>
                </td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p className="empty">{t("orgs.join.none")}</p>
        )}
      </section>
      <section className="section" aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t("orgs.join.domain")}</h2>
        <Form method="post" noValidate className="form card">
          <input type="hidden" name="intent" value="settings" />
          <Field name="email_domain" label={t("orgs.join.domain")} maxLength={120} defaultValue={values.email_domain ?? org.email_domain ?? ""} error={errors.email_domain} />
          <label className="checkbox">
            <input type="checkbox" name="auto_join" defaultChecked={Number(org.auto_join) === 1} /> {t("orgs.join.autoJoin", { domain: org.email_domain ?? "…" })}
          </label>
          <div className="form-actions">
            <button type="submit" className="button">
              {t("common.save")}
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
