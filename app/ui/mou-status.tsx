import type { MouStatus } from "~db/schema";
import { useT } from "~/i18n/use-t";

const TONE: Record<MouStatus, string> = {
  draft: "badge-muted",
  in_review: "badge-info",
  awaiting_signatures: "badge-warning",
  signed: "badge-info",
  active: "badge-success",
  completed: "badge-success",
  expired: "badge-muted",
  terminated: "badge-danger",
};

export function MouStatusBadge({ status }: { status: MouStatus }) {
  const t = useT();
  return <span className={`badge ${TONE[status]}`}>{t(`mous.status.${status}`)}</span>;
}
