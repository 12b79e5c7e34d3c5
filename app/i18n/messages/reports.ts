import type { MessageTable } from "../types";

/** The printable dashboard report and the readable audit log. */
export const reportMessages = {
  "monitoring.pdf": { vi: "Tải báo cáo PDF", en: "Download PDF report" },
  "monitoring.reportTitle": { vi: "Báo cáo giám sát hợp tác", en: "Partnership monitoring report" },
  "monitoring.reportPrepared": { vi: "Lập lúc {date} ({zone})", en: "Prepared {date} ({zone})" },
  "monitoring.noFilters": { vi: "Không lọc: mọi cam kết được theo dõi.", en: "No filters: every tracked commitment." },
  "monitoring.figures": { vi: "Số liệu chính", en: "Key figures" },
  "monitoring.pageOf": { vi: "Trang {page}/{pages}", en: "Page {page} of {pages}" },
} satisfies MessageTable;
