import { Link } from "@remix-run/react";
import { formatDay, formatNumber, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { DataTable } from "~/ui/data-table";
import { OrgLogo } from "~/ui/org-logo";
import type { MouPageData } from "./page-data";

/** The parties, the event, the dates, the purpose and the scope. */
export function MouOverview({ mou, event, parties }: Pick<MouPageData, "mou" | "event" | "parties">) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="parties-heading" className="card">
      <h2 id="parties-heading">{t("mous.form.parties")}</h2>
      <ul className="mou-parties-list">
        {parties.map((p) => (
          <li key={p.id}>
            <OrgLogo name={localized(p, "name", locale)} shortName={p.short_name} fileId={p.logo_file_id} />
            <Link to={`/orgs/${p.org_id}`}>{localized(p, "name", locale)}</Link>
            {Number(p.is_lead) === 1 ? <span className="badge badge-info">{t("mous.lead")}</span> : null}
            {p.accepted_at === null ? <span className="badge badge-muted">{t("mous.party.pending")}</span> : null}
            {Number(p.verified) === 1 ? null : <span className="badge badge-warning">{t("orgs.unverifiedParty")}</span>}
          </li>
        ))}
      </ul>
      <dl className="mou-facts">
        {event ? (
          <div>
            <dt>{t("mous.field.event")}</dt>
            <dd>
              <Link to={`/events/${event.slug}`}>{localized(event, "title", locale)}</Link>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("mous.field.effectiveOn")}</dt>
          <dd>{mou.effective_on ? formatDay(mou.effective_on, locale) : "—"}</dd>
        </div>
        <div>
          <dt>{t("mous.field.expiresOn")}</dt>
          <dd>{mou.expires_on ? formatDay(mou.expires_on, locale) : "—"}</dd>
        </div>
      </dl>
      {localized(mou, "purpose", locale) ? (
        <>
          <h3>{t("mous.field.purpose")}</h3>
          <p>{localized(mou, "purpose", locale)}</p>
        </>
      ) : null}
      {localized(mou, "scope", locale) ? (
        <>
          <h3>{t("mous.field.scope")}</h3>
          <p>{localized(mou, "scope", locale)}</p>
        </>
      ) : null}
    </section>
  );
}

export function MouClauses({ clauses }: Pick<MouPageData, "clauses">) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="clauses-heading" className="card">
      <h2 id="clauses-heading">{t("mous.clauses")}</h2>
      <ol className="mou-clauses">
        {clauses.map((c) => (
          <li key={c.id}>
            <h3>{[t("mous.clauseNumber", { n: c.position }), localized(c, "heading", locale)].filter(Boolean).join(". ")}</h3>
            <p>{localized(c, "body", locale)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function MouCommitments({ commitments, parties }: Pick<MouPageData, "commitments" | "parties">) {
  const t = useT();
  const locale = useLocale();
  const orgName = (orgId: string) => {
    const p = parties.find((x) => x.org_id === orgId);
    return p ? localized(p, "name", locale) : orgId;
  };
  return (
    <section aria-labelledby="commitments-heading" className="card">
      <h2 id="commitments-heading">{t("mous.commitments")}</h2>
      {commitments.length ? (
        <DataTable headings={[t("mous.commitment.party"), t("mous.commitment.title"), t("mous.commitment.kpi"), t("mous.commitment.dueOn")]}>
          {commitments.map((c) => (
            <tr key={c.id}>
              <td>{orgName(c.org_id)}</td>
              <td>
                {localized(c, "title", locale)}
                {c.milestones.length ? (
                  <ul className="mou-commitment-milestones small" aria-label={t("mous.commitment.milestones")}>
                    {c.milestones.map((m) => (
                      <li key={m.id}>{t("mous.commitment.milestoneLine", { title: localized(m, "title", locale), due: formatDay(m.due_on, locale), weight: formatNumber(Number(m.weight), locale) })}</li>
                    ))}
                  </ul>
                ) : null}
              </td>
              <td>{c.kpi_target === null ? "—" : `${formatNumber(Number(c.kpi_target), locale)} ${localized({ unit_vi: c.kpi_unit_vi, unit_en: c.kpi_unit_en }, "unit", locale)}`}</td>
              <td>{formatDay(c.due_on, locale)}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="empty">{t("common.none")}</p>
      )}
    </section>
  );
}
