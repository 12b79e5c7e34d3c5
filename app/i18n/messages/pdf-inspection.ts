import type { MessageTable } from "../types";

/** What /verify says about the signatures and revisions it finds in any uploaded PDF. */
export const pdfInspectionMessages = {
  "verify.inspect.heading": { vi: "Những gì có trong tệp", en: "What the file holds" },
  "verify.inspect.revisions": {
    vi: "Tệp có {count} lần lưu (phiên bản gia tăng). Mỗi chữ ký số bảo vệ phần tệp đến lần lưu của nó.",
    en: "The file was saved {count} times (incremental revisions). Each digital signature protects the file up to its own save.",
  },
  "verify.inspect.noSignatures": { vi: "Tệp không có chữ ký số nào.", en: "The file carries no digital signature." },
  "verify.inspect.signature": { vi: "Chữ ký {n}", en: "Signature {n}" },
  "verify.inspect.field": { vi: "Trường chữ ký", en: "Signature field" },
  "verify.inspect.signer": { vi: "Người ký (chứng thư)", en: "Signer (certificate)" },
  "verify.inspect.issuer": { vi: "Tổ chức cấp chứng thư", en: "Certificate issuer" },
  "verify.inspect.validity": { vi: "Chứng thư có hiệu lực", en: "Certificate valid" },
  "verify.inspect.fingerprint": { vi: "Dấu vân tay SHA-256", en: "SHA-256 fingerprint" },
  "verify.inspect.time": { vi: "Thời điểm ký (theo người ký)", en: "Signing time (as the signer states it)" },
  "verify.inspect.timestamp": { vi: "Dấu thời gian", en: "Timestamp" },
  "verify.inspect.timestampValid": { vi: "{at}, do tổ chức cấp dấu thời gian xác nhận", en: "{at}, vouched for by a timestamp authority" },
  "verify.inspect.timestampInvalid": { vi: "{at}, nhưng dấu thời gian không khớp với chữ ký", en: "{at}, but the timestamp does not match the signature" },
  "verify.inspect.format": { vi: "Định dạng", en: "Format" },
  "verify.inspect.portalSeal": { vi: "Đây là chứng thư niêm phong của Cổng.", en: "This is one of the portal's sealing certificates." },
  "verify.inspect.portalSealEarlier": {
    vi: "Đây là chứng thư niêm phong Cổng đã dùng trước đây.",
    en: "This is a sealing certificate the portal used before.",
  },
  "verify.inspect.notPortal": {
    vi: "Đây không phải chứng thư niêm phong của Cổng.",
    en: "This is not one of the portal's sealing certificates.",
  },
  "verify.inspect.verdict.valid": { vi: "Chữ ký hợp lệ: phần tệp được ký không bị thay đổi.", en: "Valid: the signed part of the file is unchanged." },
  "verify.inspect.verdict.invalid": {
    vi: "Chữ ký KHÔNG hợp lệ: phần tệp được ký đã bị thay đổi sau khi ký.",
    en: "NOT valid: the signed part of the file was changed after signing.",
  },
  "verify.inspect.verdict.unreadable": { vi: "Không đọc được chữ ký.", en: "The signature cannot be read." },
  "verify.inspect.verdict.unsupported": {
    vi: "Định dạng chữ ký cũ (SHA-1) không được kiểm tra.",
    en: "An old signature format (SHA-1) that is not checked.",
  },
  "verify.inspect.coverage.wholeFile": { vi: "Chữ ký bao trùm toàn bộ tệp.", en: "The signature covers the whole file." },
  "verify.inspect.coverage.revision": {
    vi: "Chữ ký bao trùm tệp đến lần lưu thứ {n}; phần sau đó được thêm vào sau khi ký.",
    en: "The signature covers the file up to save {n}; what follows was added after it.",
  },
  "verify.inspect.coverage.partial": {
    vi: "Chữ ký chỉ bao trùm một phần tệp, không trọn một lần lưu.",
    en: "The signature covers only part of the file, not a whole save.",
  },
  "verify.inspect.coverage.malformed": {
    vi: "Phạm vi ký không hợp lệ: không biết chữ ký bảo vệ phần nào.",
    en: "Its byte range is malformed: what it protects cannot be told.",
  },
  "verify.inspect.afterSeal.none": {
    vi: "Không có gì được thêm vào sau con dấu của Cổng.",
    en: "Nothing was added after the portal's seal.",
  },
  "verify.inspect.afterSeal.signatures": {
    vi: "Sau con dấu của Cổng, tệp được thêm chữ ký (không thay đổi nội dung).",
    en: "After the portal's seal, signatures were added (the content was not changed).",
  },
  "verify.inspect.afterSeal.content": {
    vi: "Sau con dấu của Cổng, NỘI DUNG tệp đã bị thay đổi. Văn bản hiển thị có thể khác với văn bản Cổng đã niêm phong.",
    en: "After the portal's seal, the CONTENT was changed. What a reader shows may differ from what the portal sealed.",
  },
  "verify.inspect.noPortalSeal": { vi: "Tệp không có con dấu nào của Cổng.", en: "The file carries no seal of the portal." },
  "verify.inspect.revision": { vi: "Lần lưu {n}", en: "Save {n}" },
  "verify.inspect.trailingBytes": {
    vi: "Sau lần lưu cuối cùng còn {count} byte không thuộc lần lưu nào: tệp bị cắt cụt hoặc bị chèn thêm.",
    en: "{count} bytes follow the last complete save: the file was cut short or had something added outside any save.",
  },
  "verify.inspect.change.signature": { vi: "chữ ký", en: "a signature" },
  "verify.inspect.change.signatureField": { vi: "trường chữ ký", en: "a signature field" },
  "verify.inspect.change.form": { vi: "biểu mẫu (danh sách trường)", en: "the form's field list" },
  "verify.inspect.change.appearance": { vi: "hình hiển thị chữ ký và tài nguyên của nó", en: "signature appearances and what they use" },
  "verify.inspect.change.securityStore": { vi: "dữ liệu kiểm tra chứng thư (DSS)", en: "certificate validation data (DSS)" },
  "verify.inspect.change.annotationsAdded": { vi: "ô chữ ký trên trang", en: "signature boxes on a page" },
  "verify.inspect.change.metadata": { vi: "thông tin mô tả tệp", en: "document information" },
  "verify.inspect.change.page": { vi: "nội dung hoặc tài nguyên của trang", en: "a page's content or resources" },
  "verify.inspect.change.annotation": { vi: "chú thích không phải chữ ký trên trang", en: "annotations that are not signatures" },
  "verify.inspect.change.pageTree": { vi: "danh sách trang (thêm, bớt hoặc đổi trang)", en: "the pages (added, removed or replaced)" },
  "verify.inspect.change.catalog": { vi: "cấu trúc gốc của tệp", en: "the document's root structure" },
  "verify.inspect.change.removed": { vi: "đối tượng bị xoá", en: "removed objects" },
  "verify.inspect.change.other": { vi: "các đối tượng khác", en: "other objects" },
  "verify.inspect.changesSignatures": { vi: "Chỉ thêm chữ ký: {kinds}.", en: "Signatures only: {kinds}." },
  "verify.inspect.changesContent": { vi: "Thay đổi nội dung: {kinds}.", en: "Content changed: {kinds}." },
  "verify.notPdf": { vi: "Tệp này không phải là PDF.", en: "This file is not a PDF." },
  "verify.unreadable": {
    vi: "Tệp PDF bị hỏng hoặc không đầy đủ: không đọc được cấu trúc của nó.",
    en: "The PDF is damaged or incomplete: its structure cannot be read.",
  },
  "verify.tooComplex": {
    vi: "Tệp PDF quá phức tạp để kiểm tra (quá nhiều đối tượng hoặc dữ liệu nén).",
    en: "The PDF is too complex to check (too many objects or too much compressed data).",
  },
  "verify.truncated": {
    vi: "Tệp PDF không đầy đủ hoặc bị chèn thêm dữ liệu sau lần lưu cuối cùng.",
    en: "The PDF is incomplete or has data added after its last complete save.",
  },
} satisfies MessageTable;
