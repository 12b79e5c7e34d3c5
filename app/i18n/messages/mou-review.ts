import type { MessageTable } from "../types";

/** Reviewing an MoU: threads of comments, notes on a change, and what a signatory is signing. */
export const mouReviewMessages = {
  "mous.comments.openCount": { vi: "{open}/{total} chủ đề đang mở", en: "{open} of {total} threads open" },
  "mous.comments.allResolved": { vi: "Mọi chủ đề đã được giải quyết", en: "Every thread is resolved" },
  "mous.comments.reply": { vi: "Trả lời", en: "Reply" },
  "mous.comments.replyLabel": { vi: "Trả lời {author}", en: "Reply to {author}" },
  "mous.comments.replySubmit": { vi: "Gửi trả lời", en: "Send reply" },
  "mous.comments.replies": { vi: "{n} trả lời", en: "{n} replies" },
  "mous.comments.resolve": { vi: "Đánh dấu đã giải quyết", en: "Mark resolved" },
  "mous.comments.reopen": { vi: "Mở lại", en: "Reopen" },
  "mous.comments.resolved": { vi: "Đã giải quyết", en: "Resolved" },
  "mous.comments.resolvedBy": { vi: "Đã giải quyết bởi {name}, {date}", en: "Resolved by {name}, {date}" },
  "mous.comments.threadResolved": {
    vi: "Chủ đề này đã được giải quyết; hãy mở lại trước khi trả lời.",
    en: "This thread is resolved; reopen it before replying.",
  },
  "mous.notice.replied": { vi: "Đã gửi trả lời.", en: "Reply posted." },
  "mous.notice.threadResolved": { vi: "Đã đánh dấu chủ đề là đã giải quyết.", en: "Thread marked resolved." },
  "mous.notice.threadReopened": { vi: "Đã mở lại chủ đề.", en: "Thread reopened." },
  "mous.mail.reply.subject": { vi: "[{reference}] {author} đã trả lời góp ý của bạn", en: "[{reference}] {author} replied to your comment" },
  "mous.mail.reply.heading": { vi: "Có trả lời cho góp ý của bạn", en: "A reply to your comment" },
  "mous.mail.reply.body": { vi: "{author} trả lời góp ý của bạn về {reference}:", en: "{author} replied to your comment on {reference}:" },
  "mous.mail.reply.action": { vi: "Xem chủ đề", en: "Open the thread" },
  "mous.edit.changeNote": { vi: "Ghi chú về thay đổi này", en: "Note on this change" },
  "mous.edit.changeNoteHint": {
    vi: "Cho các bên biết đã sửa gì và vì sao; ghi chú đi kèm phiên bản mới và hiện khi so sánh.",
    en: "Tell the parties what changed and why; the note goes with the new version and shows when comparing.",
  },
  "mous.versions.note": { vi: "Ghi chú:", en: "Note:" },
  "mous.compare.createdAt": { vi: "Tạo lúc {date}", en: "Made {date}" },
  "mous.compare.milestones": { vi: "Mốc", en: "Milestones" },
  "mous.sign.summary": { vi: "Nội dung chính", en: "What you are signing" },
  "mous.sign.notSet": { vi: "Chưa định", en: "Not set" },
  "mous.sign.owedBy": { vi: "Bên thực hiện", en: "Owed by" },
  "mous.sign.baseline": { vi: "từ {value}", en: "from {value}" },
  "mous.sign.milestoneDue": { vi: "{title}, hạn {date}", en: "{title}, due {date}" },
} satisfies MessageTable;
