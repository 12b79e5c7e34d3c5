import type { MessageTable } from "../types";

/** The agreement seal: its certificate, its marks on the PDF, and what /verify says about it. */
export const sealMessages = {
  "mous.pdf.developmentCertificate": {
    vi: "Niêm phong bằng chứng thư thử nghiệm (development certificate): không có giá trị xác thực",
    en: "Sealed with a development certificate: proves nothing about its origin",
  },
  "mous.pdf.sealedBy": { vi: "Đóng dấu bởi", en: "Sealed by" },
  "mous.pdf.sealTime": { vi: "Thời điểm", en: "Time" },
  "mous.pdf.sealDevelopment": { vi: "Chứng thư thử nghiệm", en: "Development certificate" },
  "verify.certificatesHeading": { vi: "Chứng thư niêm phong của Cổng", en: "The portal's sealing certificates" },
  "verify.certificatesLead": {
    vi: "Chữ ký trên văn bản do Cổng phát hành phải dùng một trong các chứng thư dưới đây. So sánh dấu vân tay SHA-256 với chứng thư mà trình đọc PDF hiển thị: một chứng thư cùng tên nhưng khác dấu vân tay là giả mạo.",
    en: "A document issued by the portal is signed with one of the certificates below. Compare the SHA-256 fingerprint with the certificate your PDF reader shows: a certificate with the same name and another fingerprint is a forgery.",
  },
  "verify.certificateCurrent": { vi: "Đang dùng", en: "In use" },
  "verify.certificateEarlier": { vi: "Đã dùng trước đây, vẫn xác thực các văn bản đã niêm phong", en: "Used before; still vouches for the agreements it sealed" },
  "verify.certificateIssuer": { vi: "Tổ chức cấp", en: "Issuer" },
  "verify.certificateValidity": { vi: "Hiệu lực", en: "Valid" },
  "verify.certificateFingerprint": { vi: "Dấu vân tay SHA-256", en: "SHA-256 fingerprint" },
  "verify.certificateDownload": { vi: "Tải chứng thư (.cer)", en: "Download the certificate (.cer)" },
  "verify.developmentCertificate": {
    vi: "Chứng thư thử nghiệm (development certificate): bất kỳ ai cũng có thể tạo chứng thư giống vậy, nên chữ ký này không chứng minh nguồn gốc văn bản.",
    en: "Development certificate: anyone can make one like it, so this signature proves nothing about where the document came from.",
  },
  "verify.sealedBy": { vi: "Chứng thư niêm phong", en: "Sealing certificate" },
  "verify.sealedByUnrecorded": { vi: "Không được ghi lại (văn bản niêm phong trước khi Cổng lưu chứng thư)", en: "Not recorded (sealed before the portal recorded its certificates)" },
} satisfies MessageTable;
