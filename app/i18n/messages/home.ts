import type { MessageTable } from "../types";

export const homeMessages = {
  "home.title": { vi: "Diễn đàn, hợp tác và kết quả thực hiện", en: "Forums, partnerships and their results" },
  "home.lead": {
    vi: "Đăng ký tham dự các diễn đàn đổi mới sáng tạo, ký biên bản ghi nhớ trực tuyến có chữ ký số, và theo dõi các cam kết hợp tác được thực hiện ra sao.",
    en: "Register for innovation forums, sign memoranda of understanding online with a digital signature, and follow how partnership commitments are delivered.",
  },
  "home.cta.events": { vi: "Xem sự kiện", en: "Browse events" },
  "home.cta.verify": { vi: "Xác thực biên bản đã ký", en: "Verify a signed agreement" },
  "home.upcoming": { vi: "Sự kiện sắp diễn ra", en: "Upcoming events" },
  "home.noUpcoming": { vi: "Hiện chưa có sự kiện sắp diễn ra.", en: "No upcoming events at the moment." },
  "home.partners": { vi: "Đơn vị chủ trì và đối tác", en: "Hosts and partners" },
  "home.signedMous": { vi: "Biên bản ghi nhớ đã ký", en: "Signed memoranda of understanding" },
  "home.noMous": { vi: "Chưa có biên bản ghi nhớ công khai.", en: "No public memoranda yet." },
  "home.pastEvents": { vi: "Sự kiện đã diễn ra", en: "Past events" },
  "mou.summary.parties": { vi: "Các bên", en: "Parties" },
  "mou.summary.signedOn": { vi: "Ký ngày {date}", en: "Signed on {date}" },
  "mou.summary.atEvent": { vi: "Tại {event}", en: "At {event}" },
  "mou.summary.lead": { vi: "bên chủ trì", en: "lead party" },
} satisfies MessageTable;
