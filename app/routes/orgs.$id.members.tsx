import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { can, reloadActor, requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { formatDate, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { formState } from "~/lib/action-result";
import { actionFailed } from "~/lib/action-result.server";
import { readForm } from "~/lib/form-body.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms.server";
import { changeMembership, inviteToOrganization, listMembers, listPendingInvitations, revokeInvitation } from "~/orgs/members.server";
import { ChangeRoleSchema, InviteSchema, RemoveMemberSchema, RevokeInvitationSchema } from "~/orgs/org.schema";
import { findOrganization } from "~/orgs/organizations.server";
import { DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormAlert } from "~/ui/field";
import { SelectField } from "~/ui/form-controls";
import accountsStyles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.title }] : []);

async function loadManaged(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const orgId = args.params.id ?? "";
  requirePermission(actor, { action: "org.members.manage", orgId });
  const org = await findOrganization(getDb(), orgId);
  if (!org) throw new Response("Not found", { status: 404 });
  return { actor, org };
}

export async function loader(args: LoaderFunctionArgs) {
  const { org, actor } = await loadManaged(args);
  const db = getDb();
  const locale = getLocale(args.request);
  const [members, invitations] = await Promise.all([listMembers(db, org.id), listPendingInvitations(db, org.id)]);
  return json({
    title: translate(locale, "members.title", { org: localized(org, "name", locale) }),
    org,
    members,
    invitations,
    me: actor.user.id,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { org, actor } = await loadManaged(args);
  const { request, context } = args;
  const locale = getLocale(request);
  const form = await readForm(request);
  const db = getDb();
  const intent = String(form.get("intent") ?? "");
  // The intent comes back with the values: it says which form the errors belong to.
  const fail = (errors: Record<string, string>, values: Record<string, string> = {}, status = 400) =>
    actionFailed({ errors, values: { ...values, intent } }, status);
  const updated = () => redirectWithFlash(`/orgs/${org.id}/members`, { key: "members.updated" }, context.secure);
  const user = { id: actor.user.id, email: actor.user.email, name: actor.user.name };
  switch (intent) {
    case "invite": {
      const parsed = parseForm(form, InviteSchema, locale);
      if (!parsed.ok) return fail(parsed.errors, parsed.values);
      const result = await inviteToOrganization(db, { orgId: org.id, ...parsed.data }, { actor: user, origin: context.origin, locale, ip: context.clientIp });
      if (result.kind === "alreadyMember")
        return fail({ email: translate(locale, "members.alreadyMember") }, { email: parsed.data.email, role: parsed.data.role });
      return redirectWithFlash(`/orgs/${org.id}/members`, { key: "members.invited", params: { email: parsed.data.email } }, context.secure);
    }
    case "role":
    case "remove": {
      const parsed = parseForm(form, intent === "role" ? ChangeRoleSchema : RemoveMemberSchema, locale);
      if (!parsed.ok) return fail(parsed.errors);
      const role = intent === "role" ? ChangeRoleSchema.parse(parsed.data).role : null;
      const result = await changeMembership(db, org.id, parsed.data.membershipId, role, user, context.clientIp);
      if (result === "notFound") throw new Response("Not found", { status: 404 });
      if (result === "lastAdmin")
        return fail({ _form: translate(locale, "members.lastAdmin") }, {}, 409);
      // An admin who stepped down or left may no longer see this page.
      if (!can(await reloadActor(args), { action: "org.members.manage", orgId: org.id })) return redirect(`/orgs/${org.id}`);
      return updated();
    }
    case "revoke": {
      const parsed = parseForm(form, RevokeInvitationSchema, locale);
      if (!parsed.ok) return fail(parsed.errors);
      await revokeInvitation(db, org.id, parsed.data.invitationId, user, context.clientIp);
      return updated();
    }
    default:
      return fail({ _form: translate(locale, "validation.invalid") });
  }
}

export default function Members() {
  const { org, members, invitations, me } = useLoaderData<typeof loader>();
  const submitted = formState(useActionData<typeof action>());
  // A new page view (after an invitation went out, or came back with errors) starts the form afresh.
  const formKey = useLocation().key;
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const orgName = localized(org, "name", locale);
  const inviteErrors = submitted.values.intent === "invite" ? submitted.errors : {};
  const roles = [
    { value: "member", label: t("orgs.role.member") },
    { value: "admin", label: t("orgs.role.admin") },
  ];
  return (
    <div className="container page">
      <p>
        <Link to={`/orgs/${org.id}`}>← {orgName}</Link>
      </p>
      <header className="page-head">
        <h1>{t("members.title", { org: orgName })}</h1>
        <p className="lead">{t("members.lead")}</p>
      </header>
      {submitted.errors._form ? <FormAlert>{submitted.errors._form}</FormAlert> : null}

      <section className="section" aria-labelledby="members-heading">
        <h2 id="members-heading">{t("orgs.manageMembers")}</h2>
        <DataTable headings={[t("members.name"), t("members.email"), t("members.role"), t("members.actions")]}>
          {members.map((m) => (
            <tr key={m.id}>
              <td>
                {m.name}
                {m.user_id === me ? <span className="muted small"> ({t("nav.account").toLowerCase()})</span> : null}
              </td>
              <td className="mono small">{m.email}</td>
              <td>
                <span className={m.role === "admin" ? "badge badge-info" : "badge badge-muted"}>{t(`orgs.role.${m.role}`)}</span>
              </td>
              <td>
                <Form method="post" noValidate className="inline-form">
                  <input type="hidden" name="membershipId" value={m.id} />
                  <label className="visually-hidden" htmlFor={`role-${m.id}`}>
                    {t("members.roleFor", { name: m.name })}
                  </label>
                  <select id={`role-${m.id}`} className="control" name="role" defaultValue={m.role}>
                    {roles.map((r) => (
                      <option key={r.value} value={r.value}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                  <button type="submit" name="intent" value="role" className="button button-small" disabled={busy}>
                    {t("members.changeRole")}
                  </button>
                </Form>
                <Form method="post" noValidate className="inline-form">
                  <input type="hidden" name="membershipId" value={m.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove"
                    className="button button-small button-danger"
                    aria-label={t("members.removeNamed", { name: m.name })}
                    disabled={busy}
                  >
                    {t("members.remove")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      {invitations.length ? (
        <section className="section" aria-labelledby="pending-heading">
          <h2 id="pending-heading">{t("members.pending")}</h2>
          <DataTable headings={[t("members.email"), t("members.role"), t("members.expires"), t("members.actions")]}>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td className="mono small">{i.email}</td>
                <td>{t(`orgs.role.${i.role}`)}</td>
                <td>{formatDate(i.expires_at, locale, "dateTime")}</td>
                <td>
                  <Form method="post" noValidate className="inline-form">
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="revoke"
                      className="button button-small button-quiet"
                      aria-label={t("members.revokeNamed", { email: i.email })}
                    >
                      {t("members.revoke")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      <section className="section" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("members.invite")}</h2>
        <p className="muted">{t("members.inviteLead")}</p>
        <Form key={formKey} method="post" className="form card" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <Field
            id="invite-email"
            name="email"
            type="email"
            label={t("members.email")}
            autoComplete="off"
            required
            defaultValue={submitted.values.intent === "invite" ? submitted.values.email ?? "" : ""}
            error={inviteErrors.email}
          />
          <SelectField
            id="invite-role"
            name="role"
            label={t("members.role")}
            required
            defaultValue={submitted.values.intent === "invite" ? submitted.values.role ?? "member" : "member"}
            error={inviteErrors.role}
            options={roles}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("members.inviteSubmit")}
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
