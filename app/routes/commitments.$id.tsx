import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { can, requireActor, requirePermission, type SignedInActor } from "~/auth/permissions.server";
import { actionFailed } from "~/lib/action-result.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { isInForce } from "~/commitments/commitments.server";
import { readEvidence } from "~/commitments/evidence.server";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES } from "~/commitments/evidence-limits";
import { findCommitment, ProgressUpdateSchema, recordProgress } from "~/commitments/progress.server";
import { getDb } from "~/db.server";
import { getLocale } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/messages";
import { formatDate, formatDay, formatNumber, localized, translate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { formValues, parseForm } from "~/lib/forms.server";
import { describeRefusal, readUploadForm } from "~/lib/form-body.server";
import { CommitmentFacts } from "~/ui/commitment-facts";
import { CommitmentStatusBadge } from "~/ui/commitment-status-badge";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormAlert } from "~/ui/field";
import commitmentsStyles from "~/styles/commitments.css";

export const links = () => [{ rel: "stylesheet", href: commitmentsStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.commitment.title_vi} · ${data.commitment.reference}` : "" }];

/** A commitment someone who is not party to its MoU asks for does not exist, as far as they can tell. */
async function loadVisibleCommitment(actor: SignedInActor, id: string) {
  const commitment = await findCommitment(getDb(), id);
  if (!commitment) throw new Response("Not found", { status: 404 });
  requirePermission(actor, { action: "commitment.read", parties: commitment.parties }, { hideAs404: true });
  return commitment;
}

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const commitment = await loadVisibleCommitment(actor, args.params.id ?? "");
  const canReport = can(actor, { action: "commitment.report", ownerOrgId: commitment.org_id, inForce: isInForce(commitment.mou_status) });
  return json({ commitment, canReport });
}

export async function action(args: ActionFunctionArgs) {
  const actor = await requireActor(args);
  const commitment = await loadVisibleCommitment(actor, args.params.id ?? "");
  requirePermission(actor, { action: "commitment.report", ownerOrgId: commitment.org_id, inForce: isInForce(commitment.mou_status) });
  const locale = getLocale(args.request);
  const upload = await readUploadForm(args.request, { maxFileBytes: MAX_EVIDENCE_BYTES, maxFiles: MAX_EVIDENCE_FILES });
  if (!upload.ok) {
    const { status, message } = describeRefusal(locale, upload, "common.unreadableForm");
    return actionFailed({ errors: { evidence: message } }, status);
  }
  const form = upload.form;
  const parsed = parseForm(form, ProgressUpdateSchema, locale);
  if (!parsed.ok) return actionFailed(parsed);
  const input = parsed.data;
  const errors: Record<string, string> = {};
  if (input.milestone_id && !commitment.milestones.some((m) => m.id === input.milestone_id)) {
    errors.milestone_id = translate(locale, "validation.invalid");
  }
  if (input.milestone_status && !input.milestone_id) errors.milestone_id = translate(locale, "commitment.report.milestoneRequired");
  const evidence = await readEvidence(form.getAll("evidence"));
  if (!evidence.ok) errors.evidence = translate(locale, evidence.error, { max: MAX_EVIDENCE_FILES });
  if (Object.keys(errors).length) return actionFailed({ errors, values: formValues(form) });
  await recordProgress(getDb(), commitment, input, evidence.ok ? evidence.files : [], { id: actor.user.id, name: actor.user.name, ip: args.context.clientIp });
  return redirectWithFlash(`/commitments/${commitment.id}`, { key: "commitment.report.saved" }, args.context.secure);
}

export default function CommitmentPage() {
  const { commitment: c, canReport } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const orgName = localized({ name_vi: c.org_name_vi, name_en: c.org_name_en }, "name", locale);
  const unit = localized({ unit_vi: c.kpi_unit_vi, unit_en: c.kpi_unit_en }, "unit", locale);
  const values = data?.values ?? {};
  const errors = data?.errors ?? {};
  return (
    <div className="container page">
      <p>
        <Link to="/commitments">← {t("commitment.back")}</Link>
      </p>
      <header className="page-head commitment-head">
        <div>
          <p className="eyebrow">{t("commitment.of", { org: orgName, reference: c.reference })}</p>
          <h1>{localized(c, "title", locale)}</h1>
          {localized(c, "description", locale) ? <p className="lead">{localized(c, "description", locale)}</p> : null}
        </div>
        <CommitmentStatusBadge status={c.status} />
      </header>
      <CommitmentFacts commitment={c} className="commitment-facts card" />

      {c.milestones.length ? (
        <section className="section" aria-labelledby="milestones-heading">
          <h2 id="milestones-heading">{t("commitments.milestones")}</h2>
          <div className="table-wrap">
            <table className="data-table">
              <tbody>
                {c.milestones.map((m) => (
                  <tr key={m.id} className={m.late ? "milestone-late" : undefined}>
                    <th scope="row">{localized(m, "title", locale)}</th>
                    <td>{formatDay(m.due_on, locale)}</td>
                    <td>
                      {t(`milestones.status.${m.status}` as MessageKey)}{" "}
                      {m.late ? <span className="badge badge-danger">{t("commitments.lateMilestone")}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {canReport ? (
        <section className="section" aria-labelledby="report-heading">
          <h2 id="report-heading">{t("commitment.report")}</h2>
          {data?.errors ? <FormAlert>{t("common.formHasErrors")}</FormAlert> : null}
          {/* Keyed by the number of reports, so the form starts empty after one is recorded. */}
          <Form key={c.updates.length} method="post" encType="multipart/form-data" className="form card" noValidate>
            <div className="field">
              <label htmlFor="field-note">
                {t("commitment.report.note")}
                <span className="required-mark" aria-hidden="true">
                  {" "}
                  *
                </span>
              </label>
              <p className="field-hint" id="field-note-hint">
                {t("commitment.report.noteHint")}
              </p>
              <textarea
                id="field-note"
                name="note"
                required
                maxLength={2000}
                defaultValue={values.note ?? ""}
                aria-invalid={errors.note ? true : undefined}
                aria-describedby={errors.note ? "field-note-hint field-note-error" : "field-note-hint"}
              />
              {errors.note ? (
                <p className="field-error" id="field-note-error" role="alert">
                  {errors.note}
                </p>
              ) : null}
            </div>
            <div className="form-grid">
              {c.kpi_target !== null ? (
                <Field
                  name="kpi_value"
                  type="text"
                  inputMode="decimal"
                  label={t("commitment.report.kpi", { unit })}
                  defaultValue={values.kpi_value ?? String(c.kpi_current)}
                  error={errors.kpi_value}
                />
              ) : null}
              {c.milestones.length ? (
                <>
                  <div className={`field${errors.milestone_id ? " field-invalid" : ""}`}>
                    <label htmlFor="field-milestone">{t("commitment.report.milestone")}</label>
                    <select id="field-milestone" name="milestone_id" defaultValue={values.milestone_id ?? ""} aria-describedby={errors.milestone_id ? "field-milestone-error" : undefined}>
                      <option value="">{t("commitment.report.milestoneNone")}</option>
                      {c.milestones.map((m) => (
                        <option key={m.id} value={m.id}>
                          {localized(m, "title", locale)}
                        </option>
                      ))}
                    </select>
                    {errors.milestone_id ? (
                      <p className="field-error" id="field-milestone-error" role="alert">
                        {errors.milestone_id}
                      </p>
                    ) : null}
                  </div>
                  <div className="field">
                    <label htmlFor="field-milestone-status">{t("commitment.report.milestoneStatus")}</label>
                    <select id="field-milestone-status" name="milestone_status" defaultValue={values.milestone_status ?? ""}>
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
              <label htmlFor="field-evidence">{t("commitment.evidence.label")}</label>
              <p className="field-hint" id="field-evidence-hint">
                {t("commitment.evidence.hint", { max: MAX_EVIDENCE_FILES })}
              </p>
              <input
                id="field-evidence"
                type="file"
                name="evidence"
                multiple
                accept=".pdf,.png,.jpg,.jpeg,.webp,.gif,.docx,.xlsx,.pptx"
                aria-invalid={errors.evidence ? true : undefined}
                aria-describedby={errors.evidence ? "field-evidence-hint field-evidence-error" : "field-evidence-hint"}
              />
              {errors.evidence ? (
                <p className="field-error" id="field-evidence-error" role="alert">
                  {errors.evidence}
                </p>
              ) : null}
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("commitment.report.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : (
        <p className="small muted">{t("commitment.report.notAllowed", { org: orgName })}</p>
      )}

      <section className="section" aria-labelledby="updates-heading">
        <h2 id="updates-heading">{t("commitment.updates")}</h2>
        {c.updates.length === 0 ? (
          <p className="empty">{t("commitment.noUpdates")}</p>
        ) : (
          <ol className="updates">
            {c.updates.map((u) => (
              <li key={u.id} className="card">
                <p className="small muted">
                  <time dateTime={u.created_at}>{formatDate(u.created_at, locale, "dateTime")}</time>
                  {u.author_name ? ` · ${u.author_name}` : ""}
                  {u.milestone_title_vi ? ` · ${localized({ title_vi: u.milestone_title_vi, title_en: u.milestone_title_en }, "title", locale)}` : ""}
                </p>
                <p className="prose">{u.note}</p>
                {u.files.length ? (
                  <ul className="evidence-list" aria-label={t("commitment.evidence.label")}>
                    {u.files.map((f) => (
                      <li key={f.id}>
                        <a href={`/commitments/${c.id}/evidence/${f.id}`} download>
                          {f.filename}
                        </a>{" "}
                        <span className="small muted">({Math.max(1, Math.round(f.size / 1024))} KB)</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {u.kpi_value !== null ? (
                  <p className="small">
                    <strong>{t("commitments.kpi", { current: formatNumber(u.kpi_value, locale), target: formatNumber(c.kpi_target ?? 0, locale), unit })}</strong>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
