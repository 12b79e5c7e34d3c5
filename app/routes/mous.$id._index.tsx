import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { can, requireActor } from "~/auth/permissions.server";
import { getDb } from "~/db.server";
import { formatDate, formatDay, formatNumber, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { formState } from "~/lib/action-result";
import { isAgreementBeingSealed, listAgreements } from "~/mous/agreements.server";
import { handleMouAction } from "~/mous/detail-actions.server";
import { listComments, listSignatories, listVersions, loadWorkingText, requireReadableMou } from "~/mous/mous.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DataTable } from "~/ui/data-table";
import { Field, FormAlert } from "~/ui/field";
import { SampleBadge } from "~/ui/layout";
import { MouStatusBadge } from "~/ui/mou-status";
import { OrgLogo } from "~/ui/org-logo";
import stylesheet from "~/styles/mous.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.mou.reference} · ${data.mou.title_vi}` : "" }];

export async function loader(args: LoaderFunctionArgs) {
  const actor = await requireActor(args);
  const db = getDb();
  const { mou, parties, leadOrgId } = await requireReadableMou(db, actor, args.params.id ?? "");
  const [text, versions, comments, signatories, agreements, event, sealing] = await Promise.all([
    loadWorkingText(db, mou.id),
    listVersions(db, mou.id),
    listComments(db, mou.id),
    listSignatories(db, mou.id),
    listAgreements(db, mou.id),
    mou.event_id ? db.selectFrom("events").select(["slug", "title_vi", "title_en"]).where("id", "=", mou.event_id).executeTakeFirst() : undefined,
    isAgreementBeingSealed(db, mou),
  ]);
  const userId = actor.user.id;
  return json({
    mou,
    sealing,
    event: event ?? null,
    parties: parties.map((p) => ({ ...p, canName: can(actor, { action: "mou.signatories", partyOrgId: p.org_id, status: mou.status }) })),
    ...text,
    versions,
    comments,
    signatories: signatories.map(({ email, ...s }) => ({ ...s, email, mine: s.user_id === userId || (!s.user_id && email === actor.user.email.toLowerCase()) })),
    agreements: agreements.map(({ verification_code: _code, ...a }) => a),
    may: {
      edit: can(actor, { action: "mou.edit", parties, status: mou.status }),
      comment: can(actor, { action: "mou.comment", parties, status: mou.status }),
      lead: can(actor, { action: "mou.lead", leadOrgId }),
    },
  });
}

export async function action(args: ActionFunctionArgs) {
  return handleMouAction(args);
}

export default function MouPage() {
  const { mou, sealing, event, parties, clauses, commitments, versions, comments, signatories, agreements, may } = useLoaderData<typeof loader>();
  const { errors, values } = formState(useActionData<typeof action>());
  const t = useT();
  const locale = useLocale();
  const orgName = (orgId: string) => {
    const p = parties.find((x) => x.org_id === orgId);
    return p ? localized(p, "name", locale) : orgId;
  };
  const editable = mou.status === "draft" || mou.status === "in_review";
  const mySigning = signatories.find((s) => s.mine && s.status === "pending" && mou.status === "awaiting_signatures");

  return (
    <div className="container page mou-page">
      <p>
        <Link to="/mous">← {t("mous.list.title")}</Link>
      </p>
      <header className="page-head">
        <div>
          <p className="eyebrow">
            <span className="mono">{mou.reference}</span> <MouStatusBadge status={mou.status} /> <span className="badge badge-muted">{t(`mous.visibility.${mou.visibility}`)}</span>
            {mou.is_sample ? <SampleBadge /> : null}
          </p>
          <h1>{localized(mou, "title", locale)}</h1>
          {locale === "vi" ? <p className="lead" lang="en">{mou.title_en}</p> : <p className="lead" lang="vi">{mou.title_vi}</p>}
        </div>
        <div className="row mou-head-actions">
          {may.edit ? (
            <Link to={`/mous/${mou.id}/edit`} className="button">
              {t("mous.action.edit")}
            </Link>
          ) : null}
          {mySigning ? (
            <Link to={`/mous/${mou.id}/sign`} className="button button-primary">
              {t("mous.action.sign")}
            </Link>
          ) : null}
        </div>
      </header>

      {sealing ? (
        <div className="alert alert-info" role="status">
          {t("mous.agreements.sealing")}
        </div>
      ) : null}
      {errors._form ? <FormAlert>{errors._form}</FormAlert> : null}

      {may.lead ? (
        <section className="card mou-workflow" aria-labelledby="workflow-heading">
          <h2 id="workflow-heading">{t("mous.workflow.title")}</h2>
          {mou.status === "draft" && !mou.shared_at ? (
            <Form method="post">
              <p>{t("mous.workflow.shareHint")}</p>
              <button type="submit" name="intent" value="share" className="button button-primary">
                {t("mous.action.share")}
              </button>
            </Form>
          ) : null}
          {mou.status === "draft" && mou.shared_at ? (
            <Form method="post">
              <p>{t("mous.workflow.reopenHint")}</p>
              <button type="submit" name="intent" value="reopen" className="button">
                {t("mous.action.reopen")}
              </button>
            </Form>
          ) : null}
          {editable ? (
            <Form method="post" className="form">
              <h3>{t("mous.workflow.sendTitle")}</h3>
              <p className="muted">{t("mous.workflow.sendHint")}</p>
              <fieldset className="fieldset">
                <legend>{t("mous.field.signingOrder")}</legend>
                {(["parallel", "sequential"] as const).map((o) => (
                  <label key={o} className="choice">
                    <input type="radio" name="order" value={o} defaultChecked={(values.order ?? mou.signing_order) === o} /> {t(`mous.order.${o}`)}
                  </label>
                ))}
              </fieldset>
              <Field name="deadline" type="date" label={t("mous.field.signingDeadline")} defaultValue={values.deadline ?? ""} error={errors.deadline} />
              <button type="submit" name="intent" value="send" className="button button-primary">
                {t("mous.action.send")}
              </button>
            </Form>
          ) : null}
          {mou.status === "awaiting_signatures" ? (
            <p>
              {t("mous.workflow.awaiting", { order: t(`mous.order.${mou.signing_order}`) })}
              {mou.signing_deadline ? ` ${t("mous.workflow.deadline", { date: formatDay(mou.signing_deadline, locale) })}` : ""}
            </p>
          ) : null}
          {mou.status === "active" ? (
            <Form method="post">
              <p>{t("mous.workflow.amendHint")}</p>
              <button type="submit" name="intent" value="amend" className="button">
                {t("mous.action.amend")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <div className="mou-layout">
        <div className="stack">
          <section aria-labelledby="parties-heading" className="card">
            <h2 id="parties-heading">{t("mous.form.parties")}</h2>
            <ul className="mou-parties-list">
              {parties.map((p) => (
                <li key={p.id}>
                  <OrgLogo name={localized(p, "name", locale)} shortName={p.short_name} fileId={p.logo_file_id} />
                  <Link to={`/orgs/${p.org_id}`}>{localized(p, "name", locale)}</Link>
                  {Number(p.is_lead) === 1 ? <span className="badge badge-info">{t("mous.lead")}</span> : null}
                  {p.accepted_at === null ? <span className="badge badge-muted">{t("mous.party.pending")}</span> : null}
                </li>
              ))}
            </ul>
            <dl className="mou-facts">
              {event ? (
                <div>
                  <dt>{t("mous.field.event")}</dt>
                  <dd>
                    <Link to={`/events/${event.slug}`}>{localized(event, "title", locale)}</Link>
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>{t("mous.field.effectiveOn")}</dt>
                <dd>{mou.effective_on ? formatDay(mou.effective_on, locale) : "—"}</dd>
              </div>
              <div>
                <dt>{t("mous.field.expiresOn")}</dt>
                <dd>{mou.expires_on ? formatDay(mou.expires_on, locale) : "—"}</dd>
              </div>
            </dl>
            {localized(mou, "purpose", locale) ? (
              <>
                <h3>{t("mous.field.purpose")}</h3>
                <p>{localized(mou, "purpose", locale)}</p>
              </>
            ) : null}
            {localized(mou, "scope", locale) ? (
              <>
                <h3>{t("mous.field.scope")}</h3>
                <p>{localized(mou, "scope", locale)}</p>
              </>
            ) : null}
          </section>

          <section aria-labelledby="clauses-heading" className="card">
            <h2 id="clauses-heading">{t("mous.clauses")}</h2>
            <ol className="mou-clauses">
              {clauses.map((c) => (
                <li key={c.id}>
                  <h3>{[t("mous.clauseNumber", { n: c.position }), localized(c, "heading", locale)].filter(Boolean).join(". ")}</h3>
                  <p>{localized(c, "body", locale)}</p>
                </li>
              ))}
            </ol>
          </section>

          <section aria-labelledby="commitments-heading" className="card">
            <h2 id="commitments-heading">{t("mous.commitments")}</h2>
            {commitments.length ? (
              <DataTable headings={[t("mous.commitment.party"), t("mous.commitment.title"), t("mous.commitment.kpi"), t("mous.commitment.dueOn")]}>
                {commitments.map((c) => (
                  <tr key={c.id}>
                    <td>{orgName(c.org_id)}</td>
                    <td>{localized(c, "title", locale)}</td>
                    <td>{c.kpi_target === null ? "—" : `${formatNumber(Number(c.kpi_target), locale)} ${localized({ unit_vi: c.kpi_unit_vi, unit_en: c.kpi_unit_en }, "unit", locale)}`}</td>
                    <td>{formatDay(c.due_on, locale)}</td>
                  </tr>
                ))}
              </DataTable>
            ) : (
              <p className="empty">{t("common.none")}</p>
            )}
          </section>

          <section aria-labelledby="comments-heading" className="card">
            <h2 id="comments-heading">{t("mous.comments.title")}</h2>
            {comments.length ? (
              <ul className="mou-comments stack">
                {comments.map((c) => (
                  <li key={c.id} className={c.kind === "change_request" ? "mou-comment change-request" : "mou-comment"}>
                    <p className="small muted">
                      <strong>{c.author}</strong> · {formatDate(c.created_at, locale, "dateTime")}
                      {c.version_number ? ` · ${t("mous.versionN", { n: c.version_number })}` : ""}
                      {c.kind === "change_request" ? <span className="badge badge-warning">{t("mous.comments.changeRequest")}</span> : null}
                    </p>
                    <p>{c.body}</p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">{t("mous.comments.none")}</p>
            )}
            {may.comment ? (
              <Form method="post" className="form">
                <input type="hidden" name="intent" value="comment" />
                <div className={`field${errors.body ? " field-invalid" : ""}`}>
                  <label htmlFor="comment-body">{t("mous.comments.body")}</label>
                  <textarea id="comment-body" name="body" rows={3} required defaultValue={values.body ?? ""} aria-invalid={errors.body ? true : undefined} aria-describedby={errors.body ? "comment-body-error" : undefined} />
                  {errors.body ? (
                    <p className="field-error" id="comment-body-error" role="alert">
                      {errors.body}
                    </p>
                  ) : null}
                </div>
                <fieldset className="fieldset">
                  <legend>{t("mous.comments.kind")}</legend>
                  <label className="choice">
                    <input type="radio" name="kind" value="comment" defaultChecked /> {t("mous.comments.comment")}
                  </label>
                  <label className="choice">
                    <input type="radio" name="kind" value="change_request" /> {t("mous.comments.changeRequest")}
                  </label>
                </fieldset>
                <button type="submit" className="button">
                  {t("mous.comments.submit")}
                </button>
              </Form>
            ) : null}
          </section>
        </div>

        <aside className="stack">
          <section aria-labelledby="signatories-heading" className="card">
            <h2 id="signatories-heading">{t("mous.signatories.title")}</h2>
            {signatories.length ? (
              <ul className="mou-signatories stack">
                {signatories.map((s) => {
                  const party = parties.find((p) => p.id === s.party_id);
                  return (
                    <li key={s.id}>
                      <p>
                        <strong>{s.name}</strong>
                        {s.title ? `, ${s.title}` : ""} <span className="muted">— {localized({ name_vi: s.org_name_vi, name_en: s.org_name_en }, "name", locale)}</span>
                      </p>
                      <p className="small">
                        <span className={`badge ${s.status === "signed" ? "badge-success" : s.status === "declined" ? "badge-danger" : "badge-muted"}`}>{t(`mous.signatory.${s.status}`)}</span>
                        {mou.signing_order === "sequential" ? ` ${t("mous.signatories.order", { n: s.sign_order })}` : ""}
                        {s.signed_at ? ` · ${formatDate(s.signed_at, locale, "dateTime")}` : ""}
                      </p>
                      {s.decline_reason ? <p className="small">{t("mous.signatories.reason", { reason: s.decline_reason })}</p> : null}
                      {party?.canName ? (
                        <Form method="post">
                          <input type="hidden" name="signatory_id" value={s.id} />
                          <button type="submit" name="intent" value="remove_signatory" className="button button-quiet button-small" aria-label={t("mous.signatories.removeNamed", { name: s.name })}>
                            {t("mous.signatories.remove")}
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="empty">{t("mous.signatories.none")}</p>
            )}
            {parties.some((p) => p.canName) ? (
              <Form method="post" className="form">
                <h3>{t("mous.signatories.add")}</h3>
                <input type="hidden" name="intent" value="add_signatory" />
                <div className="field">
                  <label htmlFor="signatory-party">{t("mous.commitment.party")}</label>
                  <select id="signatory-party" name="party_id" defaultValue={values.party_id ?? parties.find((p) => p.canName)?.id}>
                    {parties
                      .filter((p) => p.canName)
                      .map((p) => (
                        <option key={p.id} value={p.id}>
                          {localized(p, "name", locale)}
                        </option>
                      ))}
                  </select>
                </div>
                <Field name="email" type="email" label={t("mous.signatories.email")} hint={t("mous.signatories.emailHint")} required defaultValue={values.email ?? ""} error={errors.email} />
                <Field name="name" label={t("mous.signatories.name")} required defaultValue={values.name ?? ""} error={errors.name} />
                <Field name="title" label={t("mous.signatories.position")} defaultValue={values.title ?? ""} error={errors.title} />
                <button type="submit" className="button">
                  {t("mous.signatories.addSubmit")}
                </button>
              </Form>
            ) : null}
          </section>

          <section aria-labelledby="versions-heading" className="card">
            <h2 id="versions-heading">{t("mous.versions.title")}</h2>
            {versions.length ? (
              <>
                <ul className="mou-versions">
                  {versions.map((v) => (
                    <li key={v.id}>
                      <strong>{t("mous.versionN", { n: v.number })}</strong> · {formatDate(v.created_at, locale, "dateTime")}
                      {v.author ? ` · ${v.author}` : ""}
                      {v.frozen_at ? <span className="badge badge-info">{t("mous.versions.frozen")}</span> : null}
                      <br />
                      <span className="mono small hash" title={t("mous.versions.hash")}>
                        {v.content_hash}
                      </span>
                    </li>
                  ))}
                </ul>
                {versions.length > 1 ? (
                  <Form method="get" action={`/mous/${mou.id}/compare`} className="form row">
                    {(["a", "b"] as const).map((side, i) => (
                      <div className="field" key={side}>
                        <label htmlFor={`compare-${side}`}>{t(side === "a" ? "mous.compare.from" : "mous.compare.to")}</label>
                        <select id={`compare-${side}`} name={side} defaultValue={String(versions[i === 0 ? 1 : 0].number)}>
                          {versions.map((v) => (
                            <option key={v.id} value={v.number}>
                              {t("mous.versionN", { n: v.number })}
                            </option>
                          ))}
                        </select>
                      </div>
                    ))}
                    <button type="submit" className="button">
                      {t("mous.compare.submit")}
                    </button>
                  </Form>
                ) : null}
              </>
            ) : (
              <p className="empty">{t("mous.versions.none")}</p>
            )}
          </section>

          {agreements.length ? (
            <section aria-labelledby="agreements-heading" className="card">
              <h2 id="agreements-heading">{t("mous.agreements.title")}</h2>
              <ul className="stack">
                {agreements.map((a, i) => (
                  <li key={a.id}>
                    <a href={`/mous/${mou.id}/agreement.pdf${i === 0 ? "" : `?version=${a.number}`}`} className={i === 0 ? "button button-primary" : "button"} download>
                      {t("mous.agreements.download", { n: a.number })}
                    </a>
                    <p className="small muted">
                      {t("mous.agreements.sealedAt", { date: formatDate(a.created_at, locale, "dateTime") })}
                      <br />
                      <span className="mono hash">SHA-256 {a.sha256}</span>
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
