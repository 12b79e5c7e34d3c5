import type { EventQuestion } from "~/events/questions";
import { localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { Field } from "~/ui/field";
import { LocaleField, TextAreaField } from "~/ui/form-controls";

type Props = {
  questions: EventQuestion[];
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  /**
   * At the desk the organizer types someone else's details and says which language they read; on
   * the public form the visitor types their own, so the browser may fill them in, and the
   * language is the one they are reading.
   */
  desk?: boolean;
};

/**
 * An attendee's details and answers to the event's questions, with the field names of the
 * registration contract: the public form, a walk-in and an organizer's correction use this one set.
 */
export function AttendeeFields({ questions, values, errors, desk = false }: Props) {
  const t = useT();
  const locale = useLocale();
  const auto = (hint: string) => (desk ? "off" : hint);
  return (
    <>
      <Field name="name" label={t("register.name")} autoComplete={auto("name")} required maxLength={200} defaultValue={values.name} error={errors.name} />
      <Field name="email" type="email" label={t("register.email")} autoComplete={auto("email")} required maxLength={254} defaultValue={values.email} error={errors.email} />
      <Field
        name="organization"
        label={t("register.organization")}
        autoComplete={auto("organization")}
        required
        maxLength={200}
        defaultValue={values.organization}
        error={errors.organization}
      />
      <Field
        name="position"
        label={t("register.position")}
        autoComplete={auto("organization-title")}
        required
        maxLength={200}
        defaultValue={values.position}
        error={errors.position}
      />
      <Field name="phone" type="tel" label={t("register.phone")} autoComplete={auto("tel")} maxLength={30} defaultValue={values.phone} error={errors.phone} />
      {desk ? (
        <LocaleField
          name="attendee_locale"
          label={t("walkIn.language")}
          hint={t("walkIn.languageHint")}
          defaultValue={values.attendee_locale ?? locale}
          error={errors.attendee_locale}
        />
      ) : null}
      {questions.map((q) => (
        <TextAreaField
          key={q.id}
          name={`answer.${q.id}`}
          label={localized(q, "label", locale)}
          required={q.required}
          rows={2}
          maxLength={1000}
          defaultValue={values[`answer.${q.id}`]}
          error={errors[`answer.${q.id}`]}
        />
      ))}
    </>
  );
}
