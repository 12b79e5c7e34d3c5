import { useT } from "~/i18n/use-t";
import { Field } from "./field";
import { TextAreaField } from "./form-controls";

/** The fields a speaker profile has, shared by the organizer's form and the speaker's own. */
export function SpeakerFields({ values, errors }: { values: Record<string, string | null>; errors: Record<string, string> }) {
  const t = useT();
  const v = (name: string) => values[name] ?? "";
  return (
    <>
      <Field name="name" label={t("speakers.name")} required maxLength={200} defaultValue={v("name")} error={errors.name} />
      <div className="form-grid">
        <Field name="position_vi" label={`${t("speakers.position")} (${t("lang.vi")})`} maxLength={200} defaultValue={v("position_vi")} error={errors.position_vi} />
        <Field name="position_en" label={`${t("speakers.position")} (${t("lang.en")})`} maxLength={200} defaultValue={v("position_en")} error={errors.position_en} />
      </div>
      <Field name="organization_name" label={t("speakers.organization")} maxLength={200} defaultValue={v("organization_name")} error={errors.organization_name} />
      <div className="form-grid">
        <TextAreaField name="bio_vi" label={`${t("speakers.bio")} (${t("lang.vi")})`} rows={4} maxLength={2000} defaultValue={v("bio_vi")} error={errors.bio_vi} />
        <TextAreaField name="bio_en" label={`${t("speakers.bio")} (${t("lang.en")})`} rows={4} maxLength={2000} defaultValue={v("bio_en")} error={errors.bio_en} />
      </div>
      <Field name="photo" type="file" accept="image/png,image/jpeg,image/webp" label={t("speakers.photo")} hint={t("speakers.photoHint")} error={errors.photo} />
    </>
  );
}
