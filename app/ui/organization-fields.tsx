import { useT } from "~/i18n/use-t";
import { ORG_KINDS } from "~/orgs/org-kinds";
import { Field } from "./field";
import { SelectField, TextAreaField } from "./form-controls";

/** The organization profile fields, shared by staff's create form and the edit form. */
export function OrganizationFields({
  values,
  errors,
}: {
  values: Record<string, string | number | null | undefined>;
  errors: Record<string, string>;
}) {
  const t = useT();
  const v = (name: string) => String(values[name] ?? "");
  return (
    <>
      <Field
        name="name_vi"
        label={t("orgs.form.name_vi")}
        required
        maxLength={200}
        defaultValue={v("name_vi")}
        error={errors.name_vi}
        lang="vi"
      />
      <Field
        name="name_en"
        label={t("orgs.form.name_en")}
        required
        maxLength={200}
        defaultValue={v("name_en")}
        error={errors.name_en}
        lang="en"
      />
      <Field name="short_name" label={t("orgs.form.short_name")} maxLength={40} defaultValue={v("short_name")} error={errors.short_name} />
      <SelectField
        name="kind"
        label={t("orgs.kind")}
        required
        defaultValue={v("kind") || "enterprise"}
        error={errors.kind}
        options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgs.kind.${k}`) }))}
      />
      <Field
        name="country"
        label={t("orgs.country")}
        required
        maxLength={80}
        defaultValue={v("country") || "Việt Nam"}
        error={errors.country}
      />
      <Field name="province" label={t("orgs.province")} maxLength={80} defaultValue={v("province")} error={errors.province} />
      <Field name="sector" label={t("orgs.sector")} maxLength={120} defaultValue={v("sector")} error={errors.sector} />
      <Field
        name="website"
        type="url"
        label={t("orgs.website")}
        hint={t("orgs.form.websiteHint")}
        maxLength={300}
        defaultValue={v("website")}
        error={errors.website}
      />
      <TextAreaField
        name="description_vi"
        label={t("orgs.form.description_vi")}
        maxLength={4000}
        defaultValue={v("description_vi")}
        error={errors.description_vi}
        lang="vi"
      />
      <TextAreaField
        name="description_en"
        label={t("orgs.form.description_en")}
        maxLength={4000}
        defaultValue={v("description_en")}
        error={errors.description_en}
        lang="en"
      />
    </>
  );
}
