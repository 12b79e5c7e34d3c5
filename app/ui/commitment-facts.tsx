import { Link } from "@remix-run/react";
import { formatDay, formatNumber, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { ProgressBar } from "./progress-bar";

type FactsCommitment = {
  org_id: string;
  org_name_vi: string;
  org_name_en: string;
  mou_id: string;
  reference: string;
  due_on: string;
  progress: number;
  kpi_target: number | null;
  kpi_current: number;
  kpi_unit_vi: string | null;
  kpi_unit_en: string | null;
};

/** Who owes it, under which MoU, by when, and how far along: the same on the list and on the page. */
export function CommitmentFacts({ commitment: c, className = "commitment-facts" }: { commitment: FactsCommitment; className?: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <dl className={className}>
      <div>
        <dt>{t("commitments.owner")}</dt>
        <dd>
          <Link to={`/orgs/${c.org_id}`}>{localized({ name_vi: c.org_name_vi, name_en: c.org_name_en }, "name", locale)}</Link>
        </dd>
      </div>
      <div>
        <dt>{t("commitments.mou")}</dt>
        <dd>
          <Link to={`/mous/${c.mou_id}`} className="mono">
            {c.reference}
          </Link>
        </dd>
      </div>
      <div>
        <dt>{t("commitments.due")}</dt>
        <dd>{formatDay(c.due_on, locale)}</dd>
      </div>
      <div>
        <dt>{t("commitments.progress")}</dt>
        <dd>
          <ProgressBar value={c.progress} label={t("commitments.progress")} />
          {c.kpi_target !== null ? (
            <span className="small muted">
              {t("commitments.kpi", {
                current: formatNumber(c.kpi_current, locale),
                target: formatNumber(c.kpi_target, locale),
                unit: localized({ unit_vi: c.kpi_unit_vi, unit_en: c.kpi_unit_en }, "unit", locale),
              })}
            </span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}
