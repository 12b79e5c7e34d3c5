import { Form, useNavigation } from "@remix-run/react";
import { MAX_EVIDENCE_FILES } from "~/commitments/evidence-limits";
import { localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { Field } from "~/ui/field";
import { ErrorSummary } from "~/ui/error-summary";

type Milestone = { id: string; title_vi: string; title_en: string | null };

/**
 * The owner's progress report: a new one, or (with `revising`) a returned one corrected and
 * submitted again. Field names are those of the first report form, which tools post to.
 */
export function ProgressReportForm({
  milestones,
  hasKpi,
  unit,
  values,
  errors,
  revising,
  formKey,
}: {
  milestones: Milestone[];
  hasKpi: boolean;
  unit: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  revising?: string;
  formKey: string;
}) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const id = (name: string) => `field-${revising ? `${revising}-` : ""}${name}`;
  return (
    <Form key={formKey} method="post" encType="multipart/form-data" className="form card" noValidate>
      <ErrorSummary errors={errors} />
      {revising ? (
        <>
          <input type="hidden" name="intent" value="revise" />
          <input type="hidden" name="update_id" value={revising} />
        </>
      ) : null}
      <div className={`field${errors.note ? " field-invalid" : ""}`}>
        <label htmlFor={id("note")}>
          {t("commitment.report.note")}
          <span className="required-mark" aria-hidden="true">
            {" "}
            *
          </span>
        </label>
        <p className="field-hint" id={`${id("note")}-hint`}>
          {t("commitment.report.noteHint")}
        </p>
        <textarea
          id={id("note")}
          name="note"
          required
          maxLength={2000}
          defaultValue={values.note ?? ""}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? `${id("note")}-hint ${id("note")}-error` : `${id("note")}-hint`}
        />
        {errors.note ? (
          <p className="field-error" id={`${id("note")}-error`} role="alert">
            {errors.note}
          </p>
        ) : null}
      </div>
      <div className="form-grid">
        {hasKpi ? (
          <Field id={id("kpi_value")} name="kpi_value" type="text" inputMode="decimal" label={t("commitment.report.kpi", { unit })} defaultValue={values.kpi_value ?? ""} error={errors.kpi_value} />
        ) : null}
        {milestones.length ? (
          <>
            <div className={`field${errors.milestone_id ? " field-invalid" : ""}`}>
              <label htmlFor={id("milestone")}>{t("commitment.report.milestone")}</label>
              <select id={id("milestone")} name="milestone_id" defaultValue={values.milestone_id ?? ""} aria-describedby={errors.milestone_id ? `${id("milestone")}-error` : undefined}>
                <option value="">{t("commitment.report.milestoneNone")}</option>
                {milestones.map((m) => (
                  <option key={m.id} value={m.id}>
                    {localized(m, "title", locale)}
                  </option>
                ))}
              </select>
              {errors.milestone_id ? (
                <p className="field-error" id={`${id("milestone")}-error`} role="alert">
                  {errors.milestone_id}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor={id("milestone-status")}>{t("commitment.report.milestoneStatus")}</label>
              <select id={id("milestone-status")} name="milestone_status" defaultValue={values.milestone_status ?? ""}>
                <option value="">{t("commitment.report.keepStatus")}</option>
                {(["pending", "in_progress", "done", "missed"] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`milestones.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : null}
      </div>
      <div className={`field${errors.evidence ? " field-invalid" : ""}`}>
        <label htmlFor={id("evidence")}>{t("commitment.evidence.label")}</label>
        <p className="field-hint" id={`${id("evidence")}-hint`}>
          {t("commitment.evidence.hint", { max: MAX_EVIDENCE_FILES })}
        </p>
        <input
          id={id("evidence")}
          type="file"
          name="evidence"
          multiple
          accept=".pdf,.png,.jpg,.jpeg,.webp,.gif,.docx,.xlsx,.pptx"
          aria-invalid={errors.evidence ? true : undefined}
          aria-describedby={errors.evidence ? `${id("evidence")}-hint ${id("evidence")}-error` : `${id("evidence")}-hint`}
        />
        {errors.evidence ? (
          <p className="field-error" id={`${id("evidence")}-error`} role="alert">
            {errors.evidence}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {revising ? t("commitment.update.revise") : t("commitment.report.submit")}
        </button>
      </div>
    </Form>
  );
}
