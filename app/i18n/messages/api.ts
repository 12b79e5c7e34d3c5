import type { MessageTable } from "../types";

/** The read API (issue 11): its errors, and the tokens section of /account. */
export const apiMessages = {
  "api.error.unauthorized": {
    vi: "Cần một token API hợp lệ trong tiêu đề Authorization: Bearer. Tạo token tại /account.",
    en: "A valid API token is needed in the Authorization: Bearer header. Create one at /account.",
  },
  "api.error.unknownParameter": { vi: "Tham số “{parameter}” không được nhận ở đây.", en: "The parameter “{parameter}” is not accepted here." },
  "api.error.repeatedParameter": { vi: "Tham số “{parameter}” chỉ được gửi một lần.", en: "The parameter “{parameter}” may be given only once." },
  "api.error.badValue": { vi: "“{parameter}” phải là một trong: {values}.", en: "“{parameter}” must be one of: {values}." },
  "api.error.badId": { vi: "“{parameter}” không phải là một mã hợp lệ.", en: "“{parameter}” is not a valid id." },
  "api.error.badLimit": { vi: "“limit” phải là số nguyên từ 1 đến 100.", en: "“limit” must be a whole number from 1 to 100." },
  "api.error.badCursor": {
    vi: "“cursor” không hợp lệ: hãy dùng đúng giá trị “next” của trang trước.",
    en: "“cursor” is not valid: use the “next” value of the previous page as it is.",
  },
  "api.error.notFound": { vi: "Không có điểm cuối API này. Xem /api/v1/openapi.json.", en: "No such API endpoint. See /api/v1/openapi.json." },
  "api.tokens.title": { vi: "Token API", en: "API tokens" },
  "api.tokens.lead": {
    vi: "Chương trình của bạn đọc sự kiện, biên bản, cam kết và mốc qua /api/v1/ bằng token: token đọc đúng những gì bạn được xem, không hơn.",
    en: "Your scripts read events, MoUs, commitments and milestones through /api/v1/ with a token: it reads exactly what you may see, no more.",
  },
  "api.tokens.live": { vi: "Token đang dùng", en: "Live tokens" },
  "api.tokens.docs": { vi: "Mô tả API (OpenAPI)", en: "API description (OpenAPI)" },
  "api.tokens.name": { vi: "Tên token", en: "Token name" },
  "api.tokens.nameHint": { vi: "Để bạn nhận ra nó sau này, ví dụ “Báo cáo tuần”.", en: "So that you recognise it later, e.g. “Weekly report”." },
  "api.tokens.create": { vi: "Tạo token", en: "Create token" },
  "api.tokens.createdTitle": { vi: "Token “{name}” đã được tạo", en: "Token “{name}” created" },
  "api.tokens.createdLead": {
    vi: "Hãy sao chép token ngay: cổng chỉ lưu mã băm của nó và sẽ không hiện lại lần nữa.",
    en: "Copy the token now: the portal keeps only its hash and will not show it again.",
  },
  "api.tokens.usage": { vi: "Cách dùng", en: "How to use it" },
  "api.tokens.none": { vi: "Bạn chưa có token nào đang dùng.", en: "You have no live tokens." },
  "api.tokens.createdAt": { vi: "Tạo lúc", en: "Created" },
  "api.tokens.lastUsed": { vi: "Dùng lần cuối", en: "Last used" },
  "api.tokens.never": { vi: "Chưa dùng", en: "Never" },
  "api.tokens.revoke": { vi: "Thu hồi…", en: "Revoke…" },
  "api.tokens.revokeTitle": { vi: "Thu hồi token “{name}”?", en: "Revoke the token “{name}”?" },
  "api.tokens.revokeLead": {
    vi: "Mọi chương trình dùng token này sẽ nhận lỗi 401 từ lần gọi tiếp theo. Không thể hoàn tác.",
    en: "Every script using this token gets a 401 from its next call. This cannot be undone.",
  },
  "api.tokens.revokeConfirm": { vi: "Thu hồi token", en: "Revoke token" },
  "api.tokens.revoked": { vi: "Đã thu hồi token.", en: "The token was revoked." },
  "api.tokens.back": { vi: "Quay lại tài khoản", en: "Back to your account" },
  "api.tokens.tooMany": {
    vi: "Bạn đã có số token tối đa; hãy thu hồi một token trước khi tạo token mới.",
    en: "You already hold the most tokens allowed; revoke one before creating another.",
  },
} satisfies MessageTable;
