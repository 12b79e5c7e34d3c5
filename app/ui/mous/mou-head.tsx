import { Form, Link } from "@remix-run/react";
import { formatDay, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { canMoveMou, isEditableStatus } from "~/mous/status";
import { Field } from "~/ui/field";
import { SampleBadge } from "~/ui/layout";
import { MouStatusBadge } from "~/ui/mou-status";
import type { MouFormState, MouPageData } from "./page-data";

/** Reference, status and title, with the edit and sign buttons for who may use them. */
export function MouHeader({ mou, may, canSign }: { mou: MouPageData["mou"]; may: MouPageData["may"]; canSign: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
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
        {canSign ? (
          <Link to={`/mous/${mou.id}/sign`} className="button button-primary">
            {t("mous.action.sign")}
          </Link>
        ) : null}
      </div>
    </header>
  );
}

/** The lead party's next steps: share, reopen, send for signature, amend. */
export function MouWorkflow({
  mou,
  form: { errors, values },
  partnerInvitations,
}: {
  mou: MouPageData["mou"];
  form: MouFormState;
  partnerInvitations: MouPageData["partnerInvitations"];
}) {
  const t = useT();
  const locale = useLocale();
  const editable = isEditableStatus(mou.status);
  return (
    <section className="card mou-workflow" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">{t("mous.workflow.title")}</h2>
      {canMoveMou("share", mou.status) && !mou.shared_at ? (
        <Form method="post">
          <p>{t("mous.workflow.shareHint")}</p>
          <button type="submit" name="intent" value="share" className="button button-primary">
            {t("mous.action.share")}
          </button>
        </Form>
      ) : null}
      {canMoveMou("reopen", mou.status) && mou.shared_at ? (
        <Form method="post">
          <p>{t("mous.workflow.reopenHint")}</p>
          <button type="submit" name="intent" value="reopen" className="button">
            {t("mous.action.reopen")}
          </button>
        </Form>
      ) : null}
      {editable ? (
        <Form method="post" noValidate className="form">
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
      {editable ? (
        <Form method="post" noValidate className="form">
          <h3>{t("mous.workflow.invitePartner")}</h3>
          <p className="muted">{t("mous.workflow.invitePartnerHint")}</p>
          {partnerInvitations.length ? (
            <p>
              {`${t("mous.workflow.partnersInvited")} ${partnerInvitations.map((i) => i.email).join(", ")}`}
            </p>
          ) : null}
          <Field name="partner_email" type="email" label={t("mous.field.partnerEmail")} required defaultValue={values.partner_email ?? ""} error={errors.partner_email} />
          <button type="submit" name="intent" value="invite_partner" className="button">
            {t("mous.workflow.invitePartner")}
          </button>
        </Form>
      ) : null}
      {mou.status === "awaiting_signatures" ? (
        <p>
          {t("mous.workflow.awaiting", { order: t(`mous.order.${mou.signing_order}`) })}
          {mou.signing_deadline ? ` ${t("mous.workflow.deadline", { date: formatDay(mou.signing_deadline, locale) })}` : ""}
        </p>
      ) : null}
      {canMoveMou("amend", mou.status) ? (
        <Form method="post">
          <p>{t("mous.workflow.amendHint")}</p>
          <button type="submit" name="intent" value="amend" className="button">
            {t("mous.action.amend")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
