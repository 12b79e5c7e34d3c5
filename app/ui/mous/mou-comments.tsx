import { Form } from "@remix-run/react";
import { formatDate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import type { MouFormState, MouPageData } from "./page-data";

/** The review discussion, with the form to add to it for who may comment. */
export function MouComments({ comments, canComment, form: { errors, values } }: Pick<MouPageData, "comments"> & { canComment: boolean; form: MouFormState }) {
  const t = useT();
  const locale = useLocale();
  return (
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
      {canComment ? (
        <Form method="post" noValidate className="form">
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
  );
}
