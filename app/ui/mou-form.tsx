import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { Field } from "./field";
import { DraftMilestones } from "./mous/draft-milestones";
import { ErrorSummary } from "./error-summary";

type Option = { id: string; name_vi?: string; name_en?: string; title_vi?: string; title_en?: string };

type Props = {
  values: Record<string, string>;
  errors: Record<string, string>;
  organizations: Option[];
  events: Option[];
  /** Members of the parties, offered as each commitment's contact person (checked against its owner on save). */
  contacts: { org_id: string; user_id: string; name: string }[];
  submitLabel: string;
  /** For parties other than the lead: the party list is shown, and sent back, as it is. */
  partiesLocked?: boolean;
  /** Fields of one page only, placed just before the submit button (the edit page's note on the change). */
  children?: ReactNode;
};

/** Indices of the rows present in the flat values (`clauses.3.body_vi`), plus `extra` blank rows. */
function rowIndices(values: Record<string, string>, list: string, minimum: number, extra: number): number[] {
  const used = Object.keys(values)
    .map((k) => new RegExp(`^${list}\\.(\\d+)\\.`).exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  const count = Math.max(minimum, (used.length ? Math.max(...used) + 1 : 0) + extra);
  return Array.from({ length: count }, (_, i) => i);
}

function TextArea({ name, label, value, error, rows = 3, required }: { name: string; label: ReactNode; value?: string; error?: string; rows?: number; required?: boolean }) {
  const t = useT();
  const id = `field-${name.replace(/\./g, "-")}`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required-mark" aria-hidden="true"> *</span> : <span className="optional-mark"> ({t("common.optional")})</span>}
      </label>
      <textarea id={id} name={name} rows={rows} defaultValue={value ?? ""} required={required} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Select({ name, label, value, error, options, required, blank }: { name: string; label: ReactNode; value?: string; error?: string; options: { value: string; label: string }[]; required?: boolean; blank: string }) {
  const id = `field-${name.replace(/\./g, "-")}`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""} required={required} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">{blank}</option>
        {options.map((o) => (
          <option key={`${o.value}:${o.label}`} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The MoU text as one form that works without JavaScript: repeated rows (parties, clauses,
 * commitments) come with a few blank ones, and blank rows are ignored on save.
 */
export function MouForm({ values, errors, organizations, events, contacts, submitLabel, partiesLocked = false, children }: Props) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const orgOptions = organizations.map((o) => ({ value: o.id, label: localized(o as { name_vi: string; name_en: string }, "name", locale) }));
  const parties = partiesLocked ? rowIndices(values, "parties", 0, 0) : rowIndices(values, "parties", 3, 1);
  const clauses = rowIndices(values, "clauses", 3, 1);
  const commitments = rowIndices(values, "commitments", 2, 1);
  const v = (name: string) => values[name] ?? "";
  const contactOptions = contacts.map((c) => ({ value: c.user_id, label: `${c.name} — ${orgOptions.find((o) => o.value === c.org_id)?.label ?? c.org_id}` }));
  return (
    <Form method="post" className="form mou-form" noValidate>
      <ErrorSummary errors={errors} />
      <fieldset className="fieldset card">
        <legend>{t("mous.form.about")}</legend>
        <Field name="title_vi" label={t("mous.field.titleVi")} required defaultValue={v("title_vi")} error={errors.title_vi} lang="vi" />
        <Field name="title_en" label={t("mous.field.titleEn")} required defaultValue={v("title_en")} error={errors.title_en} lang="en" />
        <TextArea name="purpose_vi" label={t("mous.field.purposeVi")} value={v("purpose_vi")} error={errors.purpose_vi} />
        <TextArea name="purpose_en" label={t("mous.field.purposeEn")} value={v("purpose_en")} error={errors.purpose_en} />
        <TextArea name="scope_vi" label={t("mous.field.scopeVi")} value={v("scope_vi")} error={errors.scope_vi} />
        <TextArea name="scope_en" label={t("mous.field.scopeEn")} value={v("scope_en")} error={errors.scope_en} />
        <Select
          name="event_id"
          label={t("mous.field.event")}
          value={v("event_id")}
          error={errors.event_id}
          blank={t("mous.form.noEvent")}
          options={events.map((e) => ({ value: e.id, label: localized(e as { title_vi: string; title_en: string }, "title", locale) }))}
        />
        <div className="row mou-dates">
          <Field name="effective_on" type="date" label={t("mous.field.effectiveOn")} defaultValue={v("effective_on")} error={errors.effective_on} />
          <Field name="expires_on" type="date" label={t("mous.field.expiresOn")} defaultValue={v("expires_on")} error={errors.expires_on} />
        </div>
        <fieldset className="fieldset">
          <legend>{t("mous.field.visibility")}</legend>
          {(["private", "public"] as const).map((vis) => (
            <label key={vis} className="choice">
              <input type="radio" name="visibility" value={vis} defaultChecked={(v("visibility") || "private") === vis} /> {t(`mous.visibility.${vis}`)}
            </label>
          ))}
        </fieldset>
      </fieldset>

      <fieldset className="fieldset card">
        <legend>{t("mous.form.parties")}</legend>
        <p className="field-hint">{partiesLocked ? t("mous.form.partiesLocked") : t("mous.form.partiesHint")}</p>
        {[errors.parties, errors.lead].map((error) =>
          error ? (
            <p className="field-error" role="alert" key={error}>
              {error}
            </p>
          ) : null,
        )}
        {partiesLocked ? <input type="hidden" name="lead" value={v("lead") || "0"} /> : null}
        {partiesLocked ? (
          <ol className="mou-parties-list">
            {parties.map((i) => (
              <li key={i}>
                <input type="hidden" name={`parties.${i}.org_id`} value={v(`parties.${i}.org_id`)} />
                {orgOptions.find((o) => o.value === v(`parties.${i}.org_id`))?.label ?? v(`parties.${i}.org_id`)}
                {(v("lead") || "0") === String(i) ? <span className="badge badge-info">{t("mous.lead")}</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          parties.map((i) => (
            <div className="mou-row" key={i}>
              <Select name={`parties.${i}.org_id`} label={t("mous.form.partyN", { n: i + 1 })} value={v(`parties.${i}.org_id`)} error={errors[`parties.${i}.org_id`]} options={orgOptions} blank={t("mous.form.choose")} />
              <label className="choice">
                <input type="radio" name="lead" value={String(i)} defaultChecked={(v("lead") || "0") === String(i)} /> {t("mous.lead")}
              </label>
            </div>
          ))
        )}
      </fieldset>

      <fieldset className="fieldset card">
        <legend>{t("mous.clauses")}</legend>
        {errors.clauses ? (
          <p className="field-error" role="alert">
            {errors.clauses}
          </p>
        ) : null}
        {clauses.map((i) => (
          <fieldset className="fieldset mou-clause" key={i}>
            <legend>{t("mous.clauseNumber", { n: i + 1 })}</legend>
            <Field name={`clauses.${i}.heading_vi`} label={t("mous.field.headingVi")} defaultValue={v(`clauses.${i}.heading_vi`)} error={errors[`clauses.${i}.heading_vi`]} lang="vi" />
            <TextArea name={`clauses.${i}.body_vi`} label={t("mous.field.bodyVi")} value={v(`clauses.${i}.body_vi`)} error={errors[`clauses.${i}.body_vi`]} rows={4} />
            <Field name={`clauses.${i}.heading_en`} label={t("mous.field.headingEn")} defaultValue={v(`clauses.${i}.heading_en`)} error={errors[`clauses.${i}.heading_en`]} lang="en" />
            <TextArea name={`clauses.${i}.body_en`} label={t("mous.field.bodyEn")} value={v(`clauses.${i}.body_en`)} error={errors[`clauses.${i}.body_en`]} rows={4} />
          </fieldset>
        ))}
      </fieldset>

      <fieldset className="fieldset card">
        <legend>{t("mous.commitments")}</legend>
        <p className="field-hint">{t("mous.form.commitmentsHint")}</p>
        {commitments.map((i) => (
          <fieldset className="fieldset mou-commitment" key={i}>
            <legend>{t("mous.form.commitmentN", { n: i + 1 })}</legend>
            <input type="hidden" name={`commitments.${i}.id`} value={v(`commitments.${i}.id`)} />
            <Select name={`commitments.${i}.org_id`} label={t("mous.commitment.party")} value={v(`commitments.${i}.org_id`)} error={errors[`commitments.${i}.org_id`]} options={orgOptions} blank={t("mous.form.choose")} />
            <Field name={`commitments.${i}.title_vi`} label={t("mous.field.commitmentVi")} defaultValue={v(`commitments.${i}.title_vi`)} error={errors[`commitments.${i}.title_vi`]} lang="vi" />
            <Field name={`commitments.${i}.title_en`} label={t("mous.field.commitmentEn")} defaultValue={v(`commitments.${i}.title_en`)} error={errors[`commitments.${i}.title_en`]} lang="en" />
            <div className="row">
              <Field name={`commitments.${i}.kpi_baseline`} inputMode="decimal" label={t("mous.field.kpiBaseline")} defaultValue={v(`commitments.${i}.kpi_baseline`)} error={errors[`commitments.${i}.kpi_baseline`]} />
              <Field name={`commitments.${i}.kpi_target`} inputMode="decimal" label={t("mous.field.kpiTarget")} defaultValue={v(`commitments.${i}.kpi_target`)} error={errors[`commitments.${i}.kpi_target`]} />
              <Field name={`commitments.${i}.kpi_unit_vi`} label={t("mous.field.kpiUnitVi")} defaultValue={v(`commitments.${i}.kpi_unit_vi`)} error={errors[`commitments.${i}.kpi_unit_vi`]} />
              <Field name={`commitments.${i}.kpi_unit_en`} label={t("mous.field.kpiUnitEn")} defaultValue={v(`commitments.${i}.kpi_unit_en`)} error={errors[`commitments.${i}.kpi_unit_en`]} />
              <Field name={`commitments.${i}.due_on`} type="date" label={t("mous.commitment.dueOn")} defaultValue={v(`commitments.${i}.due_on`)} error={errors[`commitments.${i}.due_on`]} />
            </div>
            <Select name={`commitments.${i}.contact_user_id`} label={t("mous.field.contact")} value={v(`commitments.${i}.contact_user_id`)} error={errors[`commitments.${i}.contact_user_id`]} options={contactOptions} blank={t("mous.form.noContact")} />
            <DraftMilestones prefix={`commitments.${i}`} values={values} errors={errors} />
          </fieldset>
        ))}
      </fieldset>
      {children}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
