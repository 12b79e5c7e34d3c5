import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n/messages";
import { formatDay, formatNumber, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { Field } from "~/ui/field";
import { PostButton } from "~/ui/post-button";

type Milestone = { id: string; title_vi: string; title_en: string | null; due_on: string; weight: number; status: string; late: boolean };

function MilestoneFields({ values, errors, prefix }: { values: Partial<Record<string, string>>; errors: Record<string, string>; prefix: string }) {
  const t = useT();
  return (
    <div className="form-grid">
      <Field id={`${prefix}-title_vi`} name="title_vi" label={t("commitment.milestone.titleVi")} required maxLength={300} defaultValue={values.title_vi ?? ""} error={errors.title_vi} />
      <Field id={`${prefix}-title_en`} name="title_en" label={t("commitment.milestone.titleEn")} maxLength={300} defaultValue={values.title_en ?? ""} error={errors.title_en} />
      <Field id={`${prefix}-due_on`} name="due_on" type="date" label={t("commitment.milestone.dueOn")} required defaultValue={values.due_on ?? ""} error={errors.due_on} />
      <Field id={`${prefix}-weight`} name="weight" type="text" inputMode="decimal" label={t("commitment.milestone.weight")} defaultValue={values.weight ?? "1"} error={errors.weight} />
    </div>
  );
}

/** The milestones of a commitment; the owner plans them here (add, edit, reorder, remove), each change recorded. */
export function MilestonePlan({
  milestones,
  canPlan,
  values,
  errors,
  intent,
}: {
  milestones: Milestone[];
  canPlan: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
  intent: string | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  const failedOn = (id: string | null) => (intent === (id ? "edit-milestone" : "add-milestone") && (values.milestone_id ?? null) === id ? errors : {});
  return (
    <section className="section" aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">{t("commitments.milestones")}</h2>
      {canPlan ? <p className="small muted">{t("commitment.milestone.planHint")}</p> : null}
      {milestones.length === 0 ? <p className="empty">{t("commitment.milestone.none")}</p> : null}
      {milestones.length ? (
        <div className="table-wrap">
          <table className="data-table milestone-plan">
            <tbody>
              {milestones.map((m, index) => (
                <tr key={m.id} className={m.late ? "milestone-late" : undefined}>
                  <th scope="row">{localized(m, "title", locale)}</th>
                  <td>{formatDay(m.due_on, locale)}</td>
                  <td className="small muted">
                    {t("commitment.milestone.weight")} {formatNumber(m.weight, locale)}
                  </td>
                  <td>
                    {t(`milestones.status.${m.status}` as MessageKey)} {m.late ? <span className="badge badge-danger">{t("commitments.lateMilestone")}</span> : null}
                  </td>
                  {canPlan ? (
                    <td className="row-actions">
                      <details open={Object.keys(failedOn(m.id)).length > 0}>
                        <summary>{t("commitment.milestone.edit")}</summary>
                        <Form method="post" className="form" noValidate>
                          <input type="hidden" name="intent" value="edit-milestone" />
                          <input type="hidden" name="milestone_id" value={m.id} />
                          <MilestoneFields prefix={`m-${m.id}`} errors={failedOn(m.id)} values={{ title_vi: m.title_vi, title_en: m.title_en ?? "", due_on: m.due_on, weight: String(m.weight) }} />
                          <button type="submit" className="button button-small">
                            {t("commitment.milestone.save")}
                          </button>
                        </Form>
                      </details>
                      {index > 0 ? <PostButton fields={{ intent: "move-milestone", milestone_id: m.id, direction: "up" }}>↑ {t("commitment.milestone.up")}</PostButton> : null}
                      {index < milestones.length - 1 ? <PostButton fields={{ intent: "move-milestone", milestone_id: m.id, direction: "down" }}>↓ {t("commitment.milestone.down")}</PostButton> : null}
                      <PostButton fields={{ intent: "remove-milestone", milestone_id: m.id }} className="button button-small button-quiet">
                        {t("commitment.milestone.remove")}
                      </PostButton>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canPlan ? (
        <details className="card" open={intent === "add-milestone"}>
          <summary>{t("commitment.milestone.add")}</summary>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="add-milestone" />
            <MilestoneFields prefix="new-milestone" errors={intent === "add-milestone" ? errors : {}} values={intent === "add-milestone" ? values : {}} />
            <div className="form-actions">
              <button type="submit" className="button button-primary">
                {t("commitment.milestone.add")}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
