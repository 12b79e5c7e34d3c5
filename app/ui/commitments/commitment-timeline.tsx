import type { MessageKey } from "~/i18n/messages";
import { formatDate, formatDay } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { Pager } from "~/ui/pager";

type Entry = {
  id: string;
  kind: string;
  actor_label: string | null;
  body: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
};

/** Everything that happened to a commitment, newest first: reports, decisions, comments, plan and status changes. */
export function CommitmentTimeline({ timeline }: { timeline: { entries: Entry[]; total: number; page: number; pageSize: number } }) {
  const t = useT();
  const locale = useLocale();
  const text = (e: Entry) => {
    const actor = e.actor_label ?? t("commitment.timeline.someone");
    const planned = (e.after ?? e.before ?? {}) as { title_vi?: string; title_en?: string | null; due_on?: string };
    const milestone = (locale === "en" && planned.title_en) || planned.title_vi || "";
    if (e.kind === "contact.changed") {
      const contact = (v: Record<string, unknown> | null) => (typeof v?.contact === "string" ? v.contact : t("commitment.contact.none"));
      return t("commitment.timeline.contact.changed", { actor, before: contact(e.before), after: contact(e.after) });
    }
    if (e.kind === "status.changed") {
      const status = (v: Record<string, unknown> | null) => t(`commitments.status.${String(v?.status)}` as MessageKey);
      return t("commitment.timeline.status.changed", { before: status(e.before), after: status(e.after) });
    }
    return t(`commitment.timeline.${e.kind}` as MessageKey, { actor, milestone, due: planned.due_on ? formatDay(planned.due_on, locale) : "" });
  };
  return (
    <section className="section" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t("commitment.timeline")}</h2>
      {timeline.entries.length === 0 ? <p className="empty">{t("commitment.timeline.empty")}</p> : null}
      <ol className="timeline">
        {timeline.entries.map((e) => {
          const evidence = Array.isArray(e.after?.evidence) ? e.after.evidence.length : 0;
          return (
            <li key={e.id} className={`timeline-entry timeline-${e.kind.replace(".", "-")}`} data-kind={e.kind}>
              <time dateTime={e.at} className="small muted">
                {formatDate(e.at, locale, "dateTime")}
              </time>
              <p>{text(e)}</p>
              {e.body ? <blockquote className="prose">{e.body}</blockquote> : null}
              {evidence ? <p className="small muted">{t("commitment.timeline.evidence", { count: evidence })}</p> : null}
            </li>
          );
        })}
      </ol>
      {timeline.total > timeline.pageSize ? <Pager page={timeline.page} pageSize={timeline.pageSize} total={timeline.total} /> : null}
    </section>
  );
}
