import { useEffect, useState } from "react";
import { useT } from "~/i18n/use-t";
import { Field } from "~/ui/field";

type Props = {
  /** The commitment row's field prefix, `commitments.2`. */
  prefix: string;
  values: Record<string, string>;
  errors: Record<string, string>;
};

/** Most milestones a draft offers per commitment; the form-name reader caps inner rows at 20. */
const MAX_MILESTONE_ROWS = 20;

function savedRows(values: Record<string, string>, prefix: string): number {
  const pattern = new RegExp(`^${prefix.replace(".", "\\.")}\\.milestones\\.(\\d+)\\.`);
  const used = Object.keys(values)
    .map((k) => pattern.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]) + 1);
  return Math.max(0, ...used);
}

/**
 * A commitment's milestones in the draft form. Without JavaScript there is always one blank row to
 * fill (saving offers the next) and clearing a row removes it; with it, rows are added and removed
 * in place. A removed row sends nothing, so a saved milestone it held is dropped from the plan.
 */
export function DraftMilestones({ prefix, values, errors }: Props) {
  const t = useT();
  const [interactive, setInteractive] = useState(false);
  useEffect(() => setInteractive(true), []);
  const [count, setCount] = useState(() => Math.min(MAX_MILESTONE_ROWS, savedRows(values, prefix) + 1));
  const [removed, setRemoved] = useState<number[]>([]);
  const v = (name: string) => values[name] ?? "";
  const rows = Array.from({ length: count }, (_, j) => j).filter((j) => !removed.includes(j));
  return (
    <fieldset className="fieldset mou-milestones">
      <legend>{t("mous.form.milestones")}</legend>
      <p className="field-hint">{t("mous.form.milestonesHint")}</p>
      {rows.map((j) => {
        const name = (field: string) => `${prefix}.milestones.${j}.${field}`;
        return (
          <div className="mou-milestone" key={j} data-row={j}>
            <input type="hidden" name={name("id")} value={v(name("id"))} />
            <Field name={name("title_vi")} label={t("commitment.milestone.titleVi")} defaultValue={v(name("title_vi"))} error={errors[name("title_vi")]} lang="vi" />
            <Field name={name("title_en")} label={t("commitment.milestone.titleEn")} defaultValue={v(name("title_en"))} error={errors[name("title_en")]} lang="en" />
            <Field name={name("due_on")} type="date" label={t("commitment.milestone.dueOn")} defaultValue={v(name("due_on"))} error={errors[name("due_on")]} />
            <Field name={name("weight")} inputMode="decimal" placeholder="1" label={t("commitment.milestone.weight")} defaultValue={v(name("weight"))} error={errors[name("weight")]} />
            {interactive ? (
              <button type="button" className="button button-small" onClick={() => setRemoved([...removed, j])}>
                {t("commitment.milestone.remove")}
              </button>
            ) : null}
          </div>
        );
      })}
      {interactive && count < MAX_MILESTONE_ROWS ? (
        <button type="button" className="button button-small" onClick={() => setCount(count + 1)}>
          {t("commitment.milestone.add")}
        </button>
      ) : null}
    </fieldset>
  );
}
