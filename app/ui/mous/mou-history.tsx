import { Form } from "@remix-run/react";
import { formatDate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import type { MouPageData } from "./page-data";

/** Every version with its hash, and a form to compare two of them. */
export function MouVersions({ mouId, versions }: { mouId: string } & Pick<MouPageData, "versions">) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="versions-heading" className="card">
      <h2 id="versions-heading">{t("mous.versions.title")}</h2>
      {versions.length ? (
        <>
          <ul className="mou-versions">
            {versions.map((v) => (
              <li key={v.id}>
                <strong>{t("mous.versionN", { n: v.number })}</strong> · {formatDate(v.created_at, locale, "dateTime")}
                {v.author ? ` · ${v.author}` : ""}
                {v.frozen_at ? <span className="badge badge-info">{t("mous.versions.frozen")}</span> : null}
                {v.note ? (
                  <p className="small mou-version-note">
                    <strong>{t("mous.versions.note")}</strong> {v.note}
                  </p>
                ) : (
                  <br />
                )}
                <span className="mono small hash" title={t("mous.versions.hash")}>
                  {v.content_hash}
                </span>
              </li>
            ))}
          </ul>
          {versions.length > 1 ? (
            <Form method="get" action={`/mous/${mouId}/compare`} className="form row">
              {(["a", "b"] as const).map((side, i) => (
                <div className="field" key={side}>
                  <label htmlFor={`compare-${side}`}>{t(side === "a" ? "mous.compare.from" : "mous.compare.to")}</label>
                  <select id={`compare-${side}`} name={side} defaultValue={String(versions[i === 0 ? 1 : 0].number)}>
                    {versions.map((v) => (
                      <option key={v.id} value={v.number}>
                        {t("mous.versionN", { n: v.number })}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <button type="submit" className="button">
                {t("mous.compare.submit")}
              </button>
            </Form>
          ) : null}
        </>
      ) : (
        <p className="empty">{t("mous.versions.none")}</p>
      )}
    </section>
  );
}

/** The sealed agreements, newest first, each with its hash. */
export function MouAgreements({ mouId, agreements }: { mouId: string } & Pick<MouPageData, "agreements">) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="agreements-heading" className="card">
      <h2 id="agreements-heading">{t("mous.agreements.title")}</h2>
      <ul className="stack">
        {agreements.map((a, i) => (
          <li key={a.id}>
            <a href={`/mous/${mouId}/agreement.pdf${i === 0 ? "" : `?version=${a.number}`}`} className={i === 0 ? "button button-primary" : "button"} download>
              {t("mous.agreements.download", { n: a.number })}
            </a>
            <p className="small muted">
              {t("mous.agreements.sealedAt", { date: formatDate(a.created_at, locale, "dateTime") })}
              <br />
              <span className="mono hash">SHA-256 {a.sha256}</span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
