import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { changeUser, searchUsers } from "~/admin/users.server";
import { UserChangeSchema, type UserChange } from "~/admin/admin.schema";
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
import { AdminPageHead } from "~/ui/admin-page-head";
import { DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormAlert } from "~/ui/field";
import { Pager } from "~/ui/pager";
import accountsStyles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "user.manage" });
  const url = new URL(args.request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const page = pageParam(url);
  const { rows, total } = await searchUsers(getDb(), q, page);
  return json({ title: translate(getLocale(args.request), "admin.users"), q, users: rows, total, page, pageSize: PAGE_SIZE, me: actor.user.id });
}

export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  requirePermission(actor, { action: "user.manage" });
  const locale = getLocale(args.request);
  const form = await readForm(args.request);
  const parsed = parseForm(form, UserChangeSchema, locale);
  if (!parsed.ok) return actionFailed({ errors: { _form: translate(locale, "validation.invalid") } });
  const result = await changeUser(getDb(), parsed.data.userId, parsed.data.change, actor.user, args.context.clientIp);
  if (result.kind === "notFound") throw new Response("Not found", { status: 404 });
  if (result.kind === "self") return actionFailed({ errors: { _form: translate(locale, "admin.users.self") } });
  const q = String(form.get("q") ?? "");
  return redirectWithFlash(`/admin/users?${new URLSearchParams({ q })}`, { key: "admin.users.updated", params: { name: result.name } }, args.context.secure);
}

function ChangeButton({
  userId,
  who,
  change,
  label,
  q,
  danger,
}: {
  userId: string;
  who: string;
  change: UserChange;
  label: string;
  q: string;
  danger?: boolean;
}) {
  return (
    <Form method="post" noValidate className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="q" value={q} />
      <button
        type="submit"
        name="change"
        value={change}
        className={`button button-small ${danger ? "button-danger" : "button-quiet"}`}
        aria-label={`${label}: ${who}`}
      >
        {label}
      </button>
    </Form>
  );
}

export default function AdminUsers() {
  const { users, q, me, total, page, pageSize } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  return (
    <div className="container page">
      <AdminPageHead title={t("admin.users")} lead={t("admin.usersLead")} />
      {data?.errors._form ? <FormAlert>{data.errors._form}</FormAlert> : null}
      <Form method="get" className="row search-row" role="search">
        <label htmlFor="user-search" className="visually-hidden">
          {t("admin.users.search")}
        </label>
        <input
          id="user-search"
          className="control"
          type="search"
          name="q"
          defaultValue={params.get("q") ?? ""}
          placeholder={t("admin.users.search")}
        />
        <button type="submit" className="button">
          {t("common.search")}
        </button>
      </Form>
      {users.length ? (
        <DataTable headings={[t("admin.users.name"), t("admin.users.roles"), t("admin.users.status"), t("admin.users.actions")]}>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <strong>{u.name}</strong>
                <br />
                <span className="mono small">{u.email}</span>
                {u.orgs.map((o) => (
                  <span key={o.org_id} className="small">
                    <br />
                    <Link to={`/orgs/${o.org_id}`}>{localized(o, "name", locale)}</Link> · {t(`orgs.role.${o.role}`)}
                  </span>
                ))}
              </td>
              <td>
                {u.is_staff ? <span className="badge badge-info">{t("account.role.staff")}</span> : null}{" "}
                {u.is_organizer ? <span className="badge badge-info">{t("account.role.organizer")}</span> : null}
              </td>
              <td>
                {u.disabled_at ? (
                  <span className="badge badge-danger">{t("admin.users.disabled")}</span>
                ) : u.email_verified_at ? (
                  <span className="badge badge-success">{t("admin.users.active")}</span>
                ) : (
                  <span className="badge badge-warning">{t("admin.users.unverified")}</span>
                )}
              </td>
              <td>
                {u.is_staff ? (
                  u.id !== me ? (
                    <ChangeButton userId={u.id} who={u.name} q={q} change="revokeStaff" label={t("admin.users.revokeStaff")} />
                  ) : null
                ) : (
                  <ChangeButton userId={u.id} who={u.name} q={q} change="grantStaff" label={t("admin.users.grantStaff")} />
                )}
                {u.is_organizer ? (
                  <ChangeButton userId={u.id} who={u.name} q={q} change="revokeOrganizer" label={t("admin.users.revokeOrganizer")} />
                ) : (
                  <ChangeButton userId={u.id} who={u.name} q={q} change="grantOrganizer" label={t("admin.users.grantOrganizer")} />
                )}
                {u.id === me ? null : u.disabled_at ? (
                  <ChangeButton userId={u.id} who={u.name} q={q} change="enable" label={t("admin.users.enable")} />
                ) : (
                  <ChangeButton userId={u.id} who={u.name} q={q} change="disable" label={t("admin.users.disable")} danger />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="empty">{t("admin.users.none")}</p>
      )}
      <Pager page={page} pageSize={pageSize} total={total} search={params.toString()} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
