import type { MessageTable } from "../types";

/** The printable dashboard report and the readable audit log. */
export const reportMessages = {
  "monitoring.pdf": { vi: "Tải báo cáo PDF", en: "Download PDF report" },
  "monitoring.reportTitle": { vi: "Báo cáo giám sát hợp tác", en: "Partnership monitoring report" },
  "monitoring.reportPrepared": { vi: "Lập lúc {date} ({zone})", en: "Prepared {date} ({zone})" },
  "monitoring.noFilters": { vi: "Không lọc: mọi cam kết được theo dõi.", en: "No filters: every tracked commitment." },
  "monitoring.figures": { vi: "Số liệu chính", en: "Key figures" },
  "monitoring.pageOf": { vi: "Trang {page}/{pages}", en: "Page {page} of {pages}" },
  "admin.audit.atVietnam": { vi: "Thời điểm (giờ Việt Nam)", en: "When (Vietnam time)" },
  "admin.audit.actorEmail": { vi: "Email người thực hiện", en: "Actor's email" },
  "admin.audit.organization": { vi: "Tổ chức", en: "Organization" },
  "admin.audit.actionCode": { vi: "Mã hành động", en: "Action code" },
  "admin.audit.entityId": { vi: "Mã đối tượng", en: "Object id" },
  "admin.audit.before": { vi: "Trước", en: "Before" },
  "admin.audit.after": { vi: "Sau", en: "After" },
  "admin.audit.filterActor": { vi: "Người thực hiện (email hoặc tên)", en: "Actor (email or name)" },
  "admin.audit.filterType": { vi: "Loại đối tượng", en: "Object type" },
  "admin.audit.filterFrom": { vi: "Từ ngày", en: "From" },
  "admin.audit.filterTo": { vi: "Đến ngày", en: "Until" },
  "admin.audit.csv": { vi: "Tải CSV theo bộ lọc", en: "Download CSV of these entries" },
  "admin.audit.noMatch": { vi: "Không có mục nào khớp bộ lọc.", en: "No entries match these filters." },
} satisfies MessageTable;
