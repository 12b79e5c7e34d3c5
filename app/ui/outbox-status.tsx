import { useT } from "~/i18n/use-t";

const BADGE = { pending: "badge-warning", sending: "badge-info", sent: "badge-success", failed: "badge-danger" } as const;

export function OutboxStatusBadge({ status }: { status: keyof typeof BADGE }) {
  const t = useT();
  return <span className={`badge ${BADGE[status]}`}>{t(`admin.outbox.status.${status}`)}</span>;
}
