import { Link } from "@remix-run/react";
import { formatDate, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { SampleBadge } from "./layout";

type Summary = {
  id: string;
  reference: string;
  title_vi: string;
  title_en: string;
  signed_at: string | null;
  is_sample: number;
  event_slug: string | null;
  event_title_vi: string | null;
  event_title_en: string | null;
  parties: { org_id: string; name_vi: string; name_en: string; is_lead: number }[];
};

/** The public face of a signed MoU: who, what, when, where; never its text. */
export function MouSummaryCard({ mou }: { mou: Summary }) {
  const t = useT();
  const locale = useLocale();
  return (
    <article className="card mou-card">
      <p className="eyebrow">
        <span className="mono">{mou.reference}</span>
        {mou.is_sample ? <SampleBadge /> : null}
      </p>
      <h3 className="card-title">{localized(mou, "title", locale)}</h3>
      <p className="mou-parties">
        <span className="visually-hidden">{t("mou.summary.parties")}: </span>
        {mou.parties.map((p, i) => (
          <span key={p.org_id}>
            {i > 0 ? <span aria-hidden="true"> × </span> : null}
            <Link to={`/orgs/${p.org_id}`}>{localized(p, "name", locale)}</Link>
          </span>
        ))}
      </p>
      <p className="muted">
        {mou.signed_at ? t("mou.summary.signedOn", { date: formatDate(mou.signed_at, locale) }) : null}
        {mou.event_slug && mou.event_title_vi ? (
          <>
            {" · "}
            <Link to={`/events/${mou.event_slug}`}>
              {t("mou.summary.atEvent", { event: localized({ title_vi: mou.event_title_vi, title_en: mou.event_title_en }, "title", locale) })}
            </Link>
          </>
        ) : null}
      </p>
    </article>
  );
}
