import type { MessageKey } from "~/i18n/messages";
import { formatDate } from "~/i18n/translate";
import { useLocale, useT } from "~/i18n/use-t";
import type { RevocationReason, RevocationStatus as Status } from "~db/schema";

export type RevocationFacts = { revocation_status: Status | null; revocation_reason: RevocationReason | null; revocation_note: string | null };

/** "Tình trạng thu hồi: …" of a signatory's own certificate; a revoked one stands out, with what it means. */
export function RevocationStatus({ facts }: { facts: RevocationFacts }) {
  const t = useT();
  const locale = useLocale();
  const status = facts.revocation_status;
  if (!status) return null;
  const text =
    status === "revoked"
      ? t("mous.revocation.revoked", { date: facts.revocation_note ? formatDate(facts.revocation_note, locale, "dateTime") : "—" })
      : status === "unavailable"
        ? t("mous.revocation.unavailable", { reason: t(`mous.revocation.reason.${facts.revocation_reason ?? "fetchFailed"}` as MessageKey) })
        : t(`mous.revocation.${status}`);
  return (
    <span className={`revocation revocation-${status}`}>
      {t("mous.revocation.label")}: {status === "revoked" ? <strong className="badge badge-danger">{text}</strong> : text}
      {status === "revoked" ? (
        <>
          <br />
          {t("mous.revocation.revokedHint")}
        </>
      ) : null}
    </span>
  );
}
