import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n/messages";
import { localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { Field } from "./field";
import { SelectField, TextAreaField } from "./form-controls";
import { ErrorSummary } from "./error-summary";

export type EventFormValues = Record<string, string>;

type Props = {
  /** Current values: the event being edited, or what was submitted when it came back with errors. */
  values: EventFormValues;
  errors?: Record<string, string>;
  organizations: { id: string; name_vi: string; name_en: string }[];
  submitLabel: string;
};

const TEXT_PAIRS = [
  ["title", 200],
  ["summary", 600],
  ["venue", 200],
] as const;

/** The organizer's event form, the same for a new event and an edit. Times are Vietnam time. */
export function EventForm({ values, errors = {}, organizations, submitLabel }: Props) {
  const t = useT();
  const locale = useLocale();
  const err = (name: string) => errors[name];
  return (
    <Form method="post" className="form card" noValidate>
      <ErrorSummary errors={errors} />
      <div className="form-grid">
        <Field name="slug" label={t("manage.field.slug")} hint={t("manage.field.slugHint")} required maxLength={80} defaultValue={values.slug} error={err("slug")} />
        <SelectField
          name="kind"
          label={t("manage.field.kind")}
          required
          defaultValue={values.kind || "workshop"}
          error={err("kind")}
          options={(["forum", "workshop", "ceremony"] as const).map((k) => ({ value: k, label: t(`events.kind.${k}`) }))}
        />
      </div>
      {TEXT_PAIRS.map(([field, max]) => (
        <div className="form-grid" key={field}>
          {(["vi", "en"] as const).map((lang) => {
            const name = `${field}_${lang}`;
            const label = `${t(`manage.field.${field}` as MessageKey)} (${t(`lang.${lang}`)})`;
            return field === "summary" ? (
              <TextAreaField key={name} name={name} label={label} required rows={3} maxLength={max} defaultValue={values[name]} error={err(name)} />
            ) : (
              <Field key={name} name={name} label={label} required maxLength={max} defaultValue={values[name]} error={err(name)} />
            );
          })}
        </div>
      ))}
      <div className="form-grid">
        {(["vi", "en"] as const).map((lang) => (
          <TextAreaField
            key={lang}
            name={`description_${lang}`}
            label={`${t("manage.field.description")} (${t(`lang.${lang}`)})`}
            rows={5}
            maxLength={5000}
            defaultValue={values[`description_${lang}`]}
            error={err(`description_${lang}`)}
          />
        ))}
      </div>
      <Field name="address" label={t("manage.field.address")} maxLength={300} defaultValue={values.address} error={err("address")} />
      <fieldset className="fieldset">
        <legend>{t("manage.field.schedule")}</legend>
        <p className="field-hint">{t("events.timeZoneNote")}</p>
        <div className="form-grid">
          <Field name="starts_at" type="datetime-local" label={t("manage.field.startsAt")} required defaultValue={values.starts_at} error={err("starts_at")} />
          <Field name="ends_at" type="datetime-local" label={t("manage.field.endsAt")} required defaultValue={values.ends_at} error={err("ends_at")} />
          <Field name="registration_opens_at" type="datetime-local" label={t("manage.field.opensAt")} defaultValue={values.registration_opens_at} error={err("registration_opens_at")} />
          <Field
            name="registration_closes_at"
            type="datetime-local"
            label={t("manage.field.closesAt")}
            hint={t("manage.field.closesAtHint")}
            defaultValue={values.registration_closes_at}
            error={err("registration_closes_at")}
          />
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("manage.field.registration")}</legend>
        <Field name="capacity" type="number" min={1} inputMode="numeric" label={t("manage.field.capacity")} hint={t("manage.field.capacityHint")} defaultValue={values.capacity} error={err("capacity")} />
        <div className="field field-check">
          <input id="field-requires_approval" type="checkbox" name="requires_approval" defaultChecked={values.requires_approval === "1" || values.requires_approval === "on"} />
          <label htmlFor="field-requires_approval">{t("manage.field.requiresApproval")}</label>
        </div>
        <TextAreaField name="questions" label={t("manage.field.questions")} hint={t("manage.field.questionsHint")} rows={3} maxLength={4000} defaultValue={values.questions} error={err("questions")} />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("manage.field.organizations")}</legend>
        <p className="field-hint">{t("manage.field.organizationsHint")}</p>
        <div className="org-role-picker">
          {organizations.map((org) => (
            <SelectField
              key={org.id}
              name={`org_role.${org.id}`}
              label={localized(org, "name", locale)}
              defaultValue={values[`org_role.${org.id}`] ?? ""}
              options={[
                { value: "", label: "—" },
                ...(["host", "co_organizer", "sponsor", "partner"] as const).map((r) => ({ value: r, label: t(`events.role.${r}`) })),
              ]}
            />
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
