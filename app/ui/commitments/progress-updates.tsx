import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n/messages";
import { formatDate, formatNumber, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { FieldFrame } from "~/ui/field";
import { PostButton } from "~/ui/post-button";
import { ProgressReportForm } from "./progress-report-form";

type Update = {
  id: string;
  note: string;
  kpi_value: number | null;
  status: string;
  milestone_id: string | null;
  milestone_status: string | null;
  created_at: string;
  author_name: string | null;
  milestone_title_vi: string | null;
  milestone_title_en: string | null;
  files: { id: string; filename: string; size: number }[];
};

type Abilities = { report: boolean; confirm: boolean; comment: boolean };

const TONE: Record<string, string> = { submitted: "badge-warning", confirmed: "badge-success", returned: "badge-danger" };

function CommentForm({ updateId, intent, label, submit, error }: { updateId: string; intent: "return" | "comment"; label: string; submit: string; error?: string }) {
  return (
    <Form method="post" className="form inline-form" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="update_id" value={updateId} />
      <FieldFrame name="comment" id={`${intent}-${updateId}`} label={label} required={intent === "return"} error={error}>
        {(wiring) => <textarea {...wiring} maxLength={2000} rows={2} />}
      </FieldFrame>
      <button type="submit" className={intent === "return" ? "button button-small button-danger" : "button button-small"}>
        {submit}
      </button>
    </Form>
  );
}

/** The progress reports, each with its confirmation state and what the reader may do with it. */
export function ProgressUpdates({
  commitmentId,
  updates,
  can,
  milestones,
  kpi,
  failed,
}: {
  commitmentId: string;
  updates: Update[];
  can: Abilities;
  milestones: { id: string; title_vi: string; title_en: string | null }[];
  kpi: { target: number | null; unit: string };
  failed: { intent?: string; updateId?: string; errors: Record<string, string>; values: Record<string, string> };
}) {
  const t = useT();
  const locale = useLocale();
  const errorsFor = (intent: string, id: string) => (failed.intent === intent && failed.updateId === id ? failed.errors : {});
  return (
    <section className="section" aria-labelledby="updates-heading">
      <h2 id="updates-heading">{t("commitment.updates")}</h2>
      <p className="small muted">{t("commitment.update.confirmHint")}</p>
      {updates.length === 0 ? <p className="empty">{t("commitment.noUpdates")}</p> : null}
      <ol className="updates">
        {updates.map((u) => (
          <li key={u.id} className={`card update update-${u.status}`} data-update-status={u.status}>
            <p className="small muted">
              <span className={`badge ${TONE[u.status] ?? ""}`}>{t(`commitment.update.status.${u.status}` as MessageKey)}</span>{" "}
              <time dateTime={u.created_at}>{formatDate(u.created_at, locale, "dateTime")}</time>
              {u.author_name ? ` · ${u.author_name}` : ""}
            </p>
            <p className="prose">{u.note}</p>
            {u.milestone_title_vi && u.milestone_status ? (
              <p className="small">
                {t("commitment.update.reportsMilestone", {
                  milestone: localized({ title_vi: u.milestone_title_vi, title_en: u.milestone_title_en }, "title", locale),
                  status: t(`milestones.status.${u.milestone_status}` as MessageKey),
                })}
              </p>
            ) : null}
            {u.files.length ? (
              <ul className="evidence-list" aria-label={t("commitment.evidence.label")}>
                {u.files.map((f) => (
                  <li key={f.id}>
                    <a href={`/commitments/${commitmentId}/evidence/${f.id}`} download>
                      {f.filename}
                    </a>{" "}
                    <span className="small muted">({Math.max(1, Math.round(f.size / 1024))} KB)</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {u.kpi_value !== null ? (
              <p className="small">
                <strong>{t("commitments.kpi", { current: formatNumber(u.kpi_value, locale), target: formatNumber(kpi.target ?? 0, locale), unit: kpi.unit })}</strong>
              </p>
            ) : null}
            {u.status === "submitted" && can.confirm ? (
              <div className="update-actions">
                <PostButton fields={{ intent: "confirm", update_id: u.id }} className="button button-small button-primary">
                  {t("commitment.update.confirm")}
                </PostButton>
                <CommentForm updateId={u.id} intent="return" label={t("commitment.update.returnComment")} submit={t("commitment.update.return")} error={errorsFor("return", u.id).comment} />
              </div>
            ) : null}
            {u.status === "returned" && can.report ? (
              <details open={failed.intent === "revise" && failed.updateId === u.id}>
                <summary>{t("commitment.update.revise")}</summary>
                <ProgressReportForm
                  formKey={`${u.id}-${u.status}`}
                  revising={u.id}
                  milestones={milestones}
                  hasKpi={kpi.target !== null}
                  unit={kpi.unit}
                  errors={errorsFor("revise", u.id)}
                  values={
                    failed.intent === "revise" && failed.updateId === u.id
                      ? failed.values
                      : { note: u.note, kpi_value: u.kpi_value === null ? "" : String(u.kpi_value), milestone_id: u.milestone_id ?? "", milestone_status: u.milestone_status ?? "" }
                  }
                />
              </details>
            ) : null}
            {can.comment ? <CommentForm updateId={u.id} intent="comment" label={t("commitment.update.comment")} submit={t("commitment.update.commentSubmit")} error={errorsFor("comment", u.id).comment} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
