import { Form, Link } from "@remix-run/react";
import { formatDate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { DataTable } from "./data-table";
import { Field } from "./field";

export type TokenRow = { id: string; name: string; created_at: string; last_used_at: string | null };

/** The person's live tokens: name, created, last used, and a way to revoke each (after a confirmation). */
export function ApiTokenList({ tokens }: { tokens: TokenRow[] }) {
  const t = useT();
  const locale = useLocale();
  if (!tokens.length) return <p className="empty">{t("api.tokens.none")}</p>;
  return (
    <DataTable headings={[t("api.tokens.name"), t("api.tokens.createdAt"), t("api.tokens.lastUsed"), { label: t("api.tokens.revoke"), hidden: true }]}>
      {tokens.map((token) => (
        <tr key={token.id}>
          <td>{token.name}</td>
          <td>{formatDate(token.created_at, locale, "dateTime")}</td>
          <td>{token.last_used_at ? formatDate(token.last_used_at, locale, "dateTime") : t("api.tokens.never")}</td>
          <td>
            <Link to={`/account/api-tokens?revoke=${encodeURIComponent(token.id)}`} className="button button-small button-quiet">
              {t("api.tokens.revoke")}
              <span className="visually-hidden"> {token.name}</span>
            </Link>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Names and creates a token; the token itself is shown once, on the page that answers. */
export function ApiTokenCreateForm({ error, name }: { error?: string; name?: string }) {
  const t = useT();
  return (
    <Form method="post" action="/account/api-tokens" className="form" noValidate>
      <input type="hidden" name="intent" value="create" />
      <Field name="name" label={t("api.tokens.name")} hint={t("api.tokens.nameHint")} required maxLength={80} defaultValue={name ?? ""} error={error} />
      <div className="form-actions">
        <button type="submit" className="button">
          {t("api.tokens.create")}
        </button>
      </div>
    </Form>
  );
}

/** The tokens section of /account, for those who hold tokens or may create them. */
export function ApiTokensSection({ tokens, canCreate }: { tokens: TokenRow[]; canCreate: boolean }) {
  const t = useT();
  return (
    <section className="card section api-tokens" id="api-tokens" aria-labelledby="api-tokens-heading">
      <h2 id="api-tokens-heading">{t("api.tokens.title")}</h2>
      <p className="muted">
        {t("api.tokens.lead")} <a href="/api/v1/openapi.json">{t("api.tokens.docs")}</a>
      </p>
      <ApiTokenList tokens={tokens} />
      {canCreate ? <ApiTokenCreateForm /> : null}
    </section>
  );
}
