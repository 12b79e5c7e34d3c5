import type { CommitmentStatus } from "~/commitments/status";
import { useT } from "~/i18n/use-t";

const TONE: Record<CommitmentStatus, string> = {
  done: "badge-success",
  on_track: "badge-info",
  at_risk: "badge-warning",
  delayed: "badge-danger",
  very_late: "badge-danger",
  cancelled: "badge-muted",
};

export function CommitmentStatusBadge({ status }: { status: CommitmentStatus }) {
  const t = useT();
  return <span className={`badge ${TONE[status]}`}>{t(`commitments.status.${status}`)}</span>;
}
