import type { HistoryEntry } from "~/events/registration-desk.server";
import type { EventQuestion } from "~/events/questions";
import { MESSAGES, type MessageKey } from "~/i18n/messages";
import { formatDate, localized } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import { Pager } from "~/ui/pager";
import { PAGE_SIZE } from "~/lib/paging";

const FIELD_LABELS: Record<string, MessageKey> = {
  name: "register.name",
  email: "register.email",
  phone: "register.phone",
  organization: "register.organization",
  position: "register.position",
  locale: "walkIn.language",
};

type Props = { entries: HistoryEntry[]; total: number; page: number; registeredAt: string; questions: EventQuestion[] };

/** What happened to one registration, newest first, as the audit log recorded it. */
export function RegistrationHistory({ entries, total, page, registeredAt, questions }: Props) {
  const t = useT();
  const locale = useLocale();
  const lastPage = page * PAGE_SIZE >= total;
  const actionLabel = (action: string) => {
    const key = `desk.action.${action}`;
    return key in MESSAGES ? t(key as MessageKey) : action;
  };
  const answers = (json: string | null): Record<string, string> => (json ? (JSON.parse(json) as Record<string, string>) : {});
  // A correction of the answers reads as the questions whose answer changed, not as stored JSON.
  const changeLines = (entry: HistoryEntry) =>
    entry.changes.flatMap((c) => {
      if (c.field !== "answers") {
        const shown = (v: string | null) => (c.field === "locale" && v ? t(v === "en" ? "lang.en" : "lang.vi") : v ?? "");
        return [t("desk.historyChange", { field: t(FIELD_LABELS[c.field]), before: shown(c.before), after: shown(c.after) })];
      }
      const [before, after] = [answers(c.before), answers(c.after)];
      return questions
        .filter((q) => (before[q.id] ?? "") !== (after[q.id] ?? ""))
        .map((q) => t("desk.historyChange", { field: localized(q, "label", locale), before: before[q.id] ?? "", after: after[q.id] ?? "" }));
    });
  return (
    <section className="stack" aria-labelledby="history-heading">
      <h3 id="history-heading">{t("desk.history")}</h3>
      {total === 0 ? <p className="muted">{t("desk.historyNone")}</p> : null}
      <ol className="history-list">
        {entries.map((e) => (
          <li key={e.id}>
            <p>
              <time dateTime={e.at} className="nowrap">
                {formatDate(e.at, locale, "dateTime")}
              </time>{" "}
              <strong>{actionLabel(e.action)}</strong>
              {e.actor ? <span className="muted"> {t("desk.historyBy", { actor: e.actor })}</span> : null}
              {e.status ? <span className={`badge badge-reg-${e.status}`}> {t(`registration.status.${e.status}`)}</span> : null}
            </p>
            {e.reason ? <p className="small">{t("mail.reason", { reason: e.reason })}</p> : null}
            {e.changes.length ? (
              <ul className="small">
                {changeLines(e).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
        {lastPage ? (
          <li>
            <p>
              <time dateTime={registeredAt} className="nowrap">
                {formatDate(registeredAt, locale, "dateTime")}
              </time>{" "}
              <strong>{t("desk.historyRegistered")}</strong>
            </p>
          </li>
        ) : null}
      </ol>
      {total > PAGE_SIZE ? <Pager page={page} pageSize={PAGE_SIZE} total={total} /> : null}
    </section>
  );
}
