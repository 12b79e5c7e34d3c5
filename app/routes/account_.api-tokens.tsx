import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApiTokenCreateSchema, ApiTokenRevokeSchema } from "~/api/api.schema";
import { createApiToken, findOwnApiToken, listApiTokens, revokeApiToken } from "~/api/tokens.server";
import { can, requireActor, requirePermission } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import { translate } from "~/i18n/translate";
import { useT } from "~/i18n/use-t";
import { formState } from "~/lib/action-result";
import { actionFailed } from "~/lib/action-result.server";
import { DomainError } from "~/lib/domain-error";
import { redirectWithFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/form-body.server";
import { parseForm } from "~/lib/forms.server";
import { ApiTokenCreateForm, ApiTokenList } from "~/ui/api-tokens";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import accountsStyles from "~/styles/accounts.css";

export const links = () => [{ rel: "stylesheet", href: accountsStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];
// The answer that carries a new token must not be kept by any cache.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => (actionHeaders.has("Cache-Control") ? actionHeaders : loaderHeaders);

/**
 * The tokens of /account on a page of their own: the answer to creating one (shown once), the
 * form again when its name was refused, and the confirmation before a revocation. Someone who
 * may not create tokens and holds none has no business here.
 */
export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const db = getDb();
  const canCreate = can(actor, { action: "api.token.create" });
  const tokens = await listApiTokens(db, actor.user.id);
  if (!canCreate && !tokens.length) throw new DomainError("forbidden");
  const revokeId = new URL(args.request.url).searchParams.get("revoke");
  const revoking = revokeId ? await findOwnApiToken(db, actor.user.id, revokeId.slice(0, 64)) : null;
  return json({ title: translate(getLocale(args.request), "api.tokens.title"), canCreate, tokens, revoking, origin: args.context.origin }, { headers: { "Cache-Control": "no-store" } });
}

export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  const { request, context } = args;
  const locale = getLocale(request);
  const form = await readForm(request);
  const db = getDb();
  if (form.get("intent") === "revoke") {
    const parsed = parseForm(form, ApiTokenRevokeSchema, locale);
    if (!parsed.ok) return actionFailed(parsed);
    await revokeApiToken(db, actor.user, parsed.data.token_id, context.clientIp);
    return redirectWithFlash("/account#api-tokens", { key: "api.tokens.revoked" }, context.secure);
  }
  requirePermission(actor, { action: "api.token.create" });
  const parsed = parseForm(form, ApiTokenCreateSchema, locale);
  if (!parsed.ok) return actionFailed(parsed);
  const created = await createApiToken(db, actor.user, parsed.data.name, context.clientIp);
  if (created.kind === "tooMany") return actionFailed({ errors: { name: translate(locale, "api.tokens.tooMany") }, values: { name: parsed.data.name } }, 409);
  return json({ ok: true as const, created: { name: parsed.data.name, token: created.token } }, { headers: { "Cache-Control": "no-store" } });
}

export default function ApiTokens() {
  const { canCreate, tokens, revoking, origin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const created = result && "created" in result ? result.created : null;
  const { errors, values } = formState(result && "created" in result ? undefined : result);
  const t = useT();
  return (
    <div className="container page">
      <header className="page-head">
        <h1>{t("api.tokens.title")}</h1>
        <p className="lead">{t("api.tokens.lead")}</p>
      </header>
      {created ? (
        <section className="card section alert alert-success" aria-labelledby="created-heading">
          <h2 id="created-heading">{t("api.tokens.createdTitle", { name: created.name })}</h2>
          <p>{t("api.tokens.createdLead")}</p>
          <p>
            <output className="mono api-token" data-testid="new-api-token">
              {created.token}
            </output>
          </p>
          <p className="muted small api-token-usage">
            {t("api.tokens.usage")}: <code>
              curl -H "Authorization: Bearer {created.token}" {origin}/api/v1/commitments
            </code>
          </p>
        </section>
      ) : null}
      {revoking ? (
        <section className="card section" aria-labelledby="revoke-heading">
          <h2 id="revoke-heading">{t("api.tokens.revokeTitle", { name: revoking.name })}</h2>
          <p>{t("api.tokens.revokeLead")}</p>
          <Form method="post" className="form-actions">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="token_id" value={revoking.id} />
            <button type="submit" className="button button-danger">
              {t("api.tokens.revokeConfirm")}
            </button>
            <Link to="/account#api-tokens" className="button button-quiet">
              {t("common.cancel")}
            </Link>
          </Form>
        </section>
      ) : null}
      <section className="card section api-tokens" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t("api.tokens.live")}</h2>
        <ApiTokenList tokens={tokens} />
        {/* A fresh form after each creation: the name just used is not left in the field. */}
        {canCreate ? <ApiTokenCreateForm key={created?.token ?? "form"} error={errors.name} name={values.name} /> : null}
      </section>
      <p>
        <Link to="/account#api-tokens">{t("api.tokens.back")}</Link> · <a href="/api/v1/openapi.json">{t("api.tokens.docs")}</a>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
