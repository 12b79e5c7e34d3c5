import { Form } from "@remix-run/react";
import { formatDate, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { Field } from "~/ui/field";
import { RevocationStatus } from "./revocation-status";
import type { MouFormState, MouPageData } from "./page-data";

/** Who signs for each party and how far they are, with the forms to name and remove them. */
export function MouSignatories({ mou, signatories, parties, form: { errors, values } }: Pick<MouPageData, "mou" | "signatories" | "parties"> & { form: MouFormState }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="signatories-heading" className="card">
      <h2 id="signatories-heading">{t("mous.signatories.title")}</h2>
      {signatories.length ? (
        <ul className="mou-signatories stack">
          {signatories.map((s) => {
            const party = parties.find((p) => p.id === s.party_id);
            return (
              <li key={s.id}>
                <p>
                  <strong>{s.name}</strong>
                  {s.title ? `, ${s.title}` : ""} <span className="muted">— {localized({ name_vi: s.org_name_vi, name_en: s.org_name_en }, "name", locale)}</span>
                </p>
                <p className="small">
                  <span className={`badge ${s.status === "signed" ? "badge-success" : s.status === "declined" ? "badge-danger" : "badge-muted"}`}>{t(`mous.signatory.${s.status}`)}</span>
                  {mou.signing_order === "sequential" ? ` ${t("mous.signatories.order", { n: s.sign_order })}` : ""}
                  {s.signed_at ? ` · ${formatDate(s.signed_at, locale, "dateTime")}` : ""}
                  {s.signature_kind === "certificate" ? ` · ${t("mous.own.method")}` : ""}
                </p>
                {s.signature_kind === "certificate" ? (
                  <p className="small">
                    <RevocationStatus facts={s} />
                  </p>
                ) : null}
                {s.decline_reason ? <p className="small">{t("mous.signatories.reason", { reason: s.decline_reason })}</p> : null}
                {party?.canName ? (
                  <Form method="post">
                    <input type="hidden" name="signatory_id" value={s.id} />
                    <button type="submit" name="intent" value="remove_signatory" className="button button-quiet button-small" aria-label={t("mous.signatories.removeNamed", { name: s.name })}>
                      {t("mous.signatories.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="empty">{t("mous.signatories.none")}</p>
      )}
      {parties.some((p) => p.canName) ? (
        <Form method="post" noValidate className="form">
          <h3>{t("mous.signatories.add")}</h3>
          <input type="hidden" name="intent" value="add_signatory" />
          <div className="field">
            <label htmlFor="signatory-party">{t("mous.commitment.party")}</label>
            <select id="signatory-party" name="party_id" defaultValue={values.party_id ?? parties.find((p) => p.canName)?.id}>
              {parties
                .filter((p) => p.canName)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {localized(p, "name", locale)}
                  </option>
                ))}
            </select>
          </div>
          <Field name="email" type="email" label={t("mous.signatories.email")} hint={t("mous.signatories.emailHint")} required defaultValue={values.email ?? ""} error={errors.email} />
          <Field name="name" label={t("mous.signatories.name")} required defaultValue={values.name ?? ""} error={errors.name} />
          <Field name="title" label={t("mous.signatories.position")} defaultValue={values.title ?? ""} error={errors.title} />
          <Field name="identifier" label={t("mous.signatories.identifier")} hint={t("mous.signatories.identifierHint")} defaultValue={values.identifier ?? ""} error={errors.identifier} />
          <button type="submit" className="button">
            {t("mous.signatories.addSubmit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
