import { Form, useLocation } from "@remix-run/react";
import { formatDate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { Pager } from "~/ui/pager";
import { PostButton } from "~/ui/post-button";
import type { MouFormState, MouPageData } from "./page-data";

type Thread = MouPageData["comments"]["threads"][number];
type Comment = Omit<Thread, "replies" | "resolved_at" | "resolved_by" | "mayResolve">;

/**
 * The review discussion as threads: open ones in full with a reply form, resolved ones folded to
 * one line that opens on demand, so that what is still to settle stands out.
 */
export function MouComments({ comments, canComment, form }: Pick<MouPageData, "comments"> & { canComment: boolean; form: MouFormState }) {
  const t = useT();
  const { search } = useLocation();
  const { errors, values } = form;
  return (
    <section aria-labelledby="comments-heading" className="card">
      <h2 id="comments-heading">{t("mous.comments.title")}</h2>
      {comments.total ? (
        <p className="small">
          <span className={`badge ${comments.open ? "badge-warning" : "badge-success"}`}>
            {comments.open ? t("mous.comments.openCount", { open: comments.open, total: comments.total }) : t("mous.comments.allResolved")}
          </span>
        </p>
      ) : null}
      {comments.threads.length ? (
        <ul className="mou-comments stack">
          {comments.threads.map((thread) => (
            <li key={thread.id} id={`comment-${thread.id}`}>
              {thread.resolved_at ? (
                <details className="mou-thread resolved">
                  <summary>
                    <span className="badge badge-success">{t("mous.comments.resolved")}</span> <strong>{thread.author}</strong>: <span className="mou-thread-gist">{thread.body}</span>
                    {thread.replies.length ? <span className="muted small"> · {t("mous.comments.replies", { n: thread.replies.length })}</span> : null}
                  </summary>
                  <ThreadBody thread={thread} canComment={false} form={form} />
                </details>
              ) : (
                <div className="mou-thread">
                  <ThreadBody thread={thread} canComment={canComment} form={form} />
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("mous.comments.none")}</p>
      )}
      {comments.total > comments.pageSize ? <Pager page={comments.page} pageSize={comments.pageSize} total={comments.total} search={search} /> : null}
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

function ThreadBody({ thread, canComment, form: { errors, values } }: { thread: Thread; canComment: boolean; form: MouFormState }) {
  const t = useT();
  const locale = useLocale();
  const replyId = `reply-${thread.id}`;
  const replyError = values.thread_id === thread.id ? errors.reply : undefined;
  return (
    <>
      <CommentText comment={thread} />
      {thread.replies.length ? (
        <ul className="mou-replies stack">
          {thread.replies.map((r) => (
            <li key={r.id}>
              <CommentText comment={r} />
            </li>
          ))}
        </ul>
      ) : null}
      {thread.resolved_at && thread.resolved_by ? <p className="small muted">{t("mous.comments.resolvedBy", { name: thread.resolved_by, date: formatDate(thread.resolved_at, locale, "dateTime") })}</p> : null}
      <div className="row mou-thread-actions">
        {canComment ? (
          // Keyed on the replies: once a reply lands, the form closes and empties for the next one.
          <details key={thread.replies.length} className="mou-reply" open={Boolean(replyError)}>
            <summary className="button button-small">{t("mous.comments.reply")}</summary>
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="reply" />
              <input type="hidden" name="thread_id" value={thread.id} />
              <div className={`field${replyError ? " field-invalid" : ""}`}>
                <label htmlFor={replyId}>{t("mous.comments.replyLabel", { author: thread.author })}</label>
                <textarea id={replyId} name="reply" rows={2} required defaultValue={replyError ? values.reply ?? "" : ""} aria-invalid={replyError ? true : undefined} aria-describedby={replyError ? `${replyId}-error` : undefined} />
                {replyError ? (
                  <p className="field-error" id={`${replyId}-error`} role="alert">
                    {replyError}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="button button-small">
                {t("mous.comments.replySubmit")}
              </button>
            </Form>
          </details>
        ) : null}
        {thread.mayResolve ? (
          <PostButton fields={{ intent: thread.resolved_at ? "reopen_thread" : "resolve", thread_id: thread.id }}>
            {thread.resolved_at ? t("mous.comments.reopen") : t("mous.comments.resolve")}
          </PostButton>
        ) : null}
      </div>
    </>
  );
}

function CommentText({ comment: c }: { comment: Comment }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className={c.kind === "change_request" ? "mou-comment change-request" : "mou-comment"}>
      <p className="small muted">
        <strong>{c.author}</strong> · {formatDate(c.created_at, locale, "dateTime")}
        {c.version_number ? ` · ${t("mous.versionN", { n: c.version_number })}` : ""}
        {c.kind === "change_request" ? <span className="badge badge-warning">{t("mous.comments.changeRequest")}</span> : null}
      </p>
      <p className="mou-comment-body">{c.body}</p>
    </div>
  );
}
