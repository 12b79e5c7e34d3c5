import { formatDay, formatNumber, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import type { VersionContent } from "~/mous/versions.server";

type Bilingual = { vi: string | null; en: string | null };

/**
 * The frozen version a signatory signs, read from its stored text and nothing else: what the MoU
 * is for and covers, its dates and parties, its clauses, and who owes each commitment.
 */
export function FrozenText({ version }: { version: { number: number; hash: string; content: VersionContent } }) {
  const t = useT();
  const locale = useLocale();
  const pick = (text: Bilingual) => (locale === "en" ? text.en : null) || text.vi || "";
  const day = (d: string | null) => (d ? formatDay(d, locale) : t("mous.sign.notSet"));
  const { content } = version;
  const partyName = (orgId: string) => {
    const party = content.parties.find((p) => p.org_id === orgId);
    return party ? localized(party, "name", locale) : "";
  };
  return (
    <section className="card mou-frozen" aria-labelledby="frozen-heading">
      <h2 id="frozen-heading">{t("mous.sign.frozenText", { n: version.number })}</h2>
      <p className="small muted">
        {t("mous.sign.hashLabel")} <span className="mono hash">{version.hash}</span>
      </p>
      <h3>{t("mous.sign.summary")}</h3>
      <dl className="mou-facts mou-sign-facts">
        <div>
          <dt>{t("mous.field.purpose")}</dt>
          <dd>{pick(content.purpose) || t("mous.sign.notSet")}</dd>
        </div>
        <div>
          <dt>{t("mous.field.scope")}</dt>
          <dd>{pick(content.scope) || t("mous.sign.notSet")}</dd>
        </div>
        <div>
          <dt>{t("mous.field.effectiveOn")}</dt>
          <dd>{day(content.effective_on)}</dd>
        </div>
        <div>
          <dt>{t("mous.field.expiresOn")}</dt>
          <dd>{day(content.expires_on)}</dd>
        </div>
      </dl>
      <ol className="mou-clauses">
        {content.clauses.map((c) => (
          <li key={c.position}>
            <h3>{[t("mous.clauseNumber", { n: c.position }), localized(c, "heading", locale)].filter(Boolean).join(". ")}</h3>
            <p>{localized(c, "body", locale)}</p>
          </li>
        ))}
      </ol>
      {content.commitments.length ? (
        <>
          <h3>{t("mous.commitments")}</h3>
          <ul className="mou-sign-commitments stack">
            {content.commitments.map((c, i) => (
              <li key={i}>
                <strong>{pick(c.title)}</strong>
                <dl className="mou-sign-commitment">
                  <dt>{t("mous.sign.owedBy")}</dt>
                  <dd>{partyName(c.org_id)}</dd>
                  {c.kpi ? (
                    <>
                      <dt>{t("mous.commitment.kpi")}</dt>
                      <dd>
                        {formatNumber(c.kpi.target, locale)} {pick({ vi: c.kpi.unit_vi, en: c.kpi.unit_en })}
                        {c.kpi.baseline !== undefined ? ` (${t("mous.sign.baseline", { value: formatNumber(c.kpi.baseline, locale) })})` : ""}
                      </dd>
                    </>
                  ) : null}
                  <dt>{t("mous.commitment.dueOn")}</dt>
                  <dd>{formatDay(c.due_on, locale)}</dd>
                  {c.milestones.length ? (
                    <>
                      <dt>{t("mous.compare.milestones")}</dt>
                      <dd>
                        <ul>
                          {c.milestones.map((m, j) => (
                            <li key={j}>{t("mous.sign.milestoneDue", { title: pick(m.title), date: formatDay(m.due_on, locale) })}</li>
                          ))}
                        </ul>
                      </dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
