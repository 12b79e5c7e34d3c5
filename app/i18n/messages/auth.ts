import type { MessageTable } from "../types";

/** Signing in and out, sign-up, address confirmation, passwords, the account page and their emails. */
export const authMessages = {
  "login.title": { vi: "Đăng nhập", en: "Sign in" },
  "login.lead": { vi: "Dành cho cán bộ, ban tổ chức và doanh nghiệp đối tác.", en: "For officers, event teams and partner companies." },
  "login.email": { vi: "Email", en: "Email" },
  "login.password": { vi: "Mật khẩu", en: "Password" },
  "login.submit": { vi: "Đăng nhập", en: "Sign in" },
  "login.failed": { vi: "Email hoặc mật khẩu không đúng.", en: "The email or password is not correct." },
  "login.noAccount": { vi: "Chưa có tài khoản?", en: "No account yet?" },
  "login.signup": { vi: "Đăng ký", en: "Sign up" },
  "login.forgot": { vi: "Quên mật khẩu?", en: "Forgot your password?" },
  "login.throttled": {
    vi: "Có quá nhiều lần đăng nhập không thành công. Vì an toàn, vui lòng đợi vài phút rồi thử lại, hoặc đặt lại mật khẩu.",
    en: "Too many failed sign-in attempts. For your safety, please wait a few minutes before trying again, or reset your password.",
  },
  "login.unverified": {
    vi: "Bạn cần xác nhận địa chỉ email trước khi đăng nhập. Chúng tôi đã gửi lại đường dẫn xác nhận vào hộp thư của bạn.",
    en: "Please confirm your email address before signing in. We have sent the confirmation link to your inbox again.",
  },
  "login.notice.verified": {
    vi: "Địa chỉ email đã được xác nhận. Mời bạn đăng nhập.",
    en: "Your email address is confirmed. You can sign in now.",
  },
  "login.notice.reset": { vi: "Mật khẩu mới đã được lưu. Mời bạn đăng nhập.", en: "Your new password is saved. You can sign in now." },

  "signup.title": { vi: "Tạo tài khoản", en: "Create an account" },
  "signup.lead": {
    vi: "Tài khoản giúp doanh nghiệp và cơ quan quản lý hồ sơ tổ chức, biên bản ghi nhớ và cam kết hợp tác.",
    en: "An account lets companies and agencies keep their organization's profile, MoUs and commitments.",
  },
  "signup.invited": { vi: "Bạn đang tạo tài khoản để tham gia {org}.", en: "You are creating an account to join {org}." },
  "signup.name": { vi: "Họ và tên", en: "Full name" },
  "signup.email": { vi: "Email", en: "Email" },
  "signup.password": { vi: "Mật khẩu", en: "Password" },
  "signup.passwordHint": {
    vi: "Ít nhất 10 ký tự. Nên dùng một cụm từ dễ nhớ.",
    en: "At least 10 characters. A memorable phrase works well.",
  },
  "signup.locale": { vi: "Ngôn ngữ ưu tiên", en: "Preferred language" },
  "signup.submit": { vi: "Tạo tài khoản", en: "Create account" },
  "signup.haveAccount": { vi: "Đã có tài khoản?", en: "Already have an account?" },
  "signup.sent.title": { vi: "Kiểm tra hộp thư của bạn", en: "Check your inbox" },
  "signup.sent.body": {
    vi: "Chúng tôi đã gửi một đường dẫn xác nhận đến địa chỉ email bạn vừa nhập. Mở thư và bấm vào đường dẫn để kích hoạt tài khoản.",
    en: "We have sent a confirmation link to the address you entered. Open the email and follow the link to activate your account.",
  },

  "verifyEmail.title": { vi: "Xác nhận địa chỉ email", en: "Confirm your email address" },
  "verifyEmail.lead": { vi: "Bấm nút bên dưới để xác nhận địa chỉ {email}.", en: "Press the button below to confirm {email}." },
  "verifyEmail.submit": { vi: "Xác nhận email", en: "Confirm email" },
  "link.invalid.title": { vi: "Đường dẫn không còn hiệu lực", en: "This link is no longer valid" },
  "link.invalid.body": {
    vi: "Đường dẫn đã được sử dụng, đã hết hạn hoặc không đúng. Bạn có thể yêu cầu một đường dẫn mới.",
    en: "The link has been used, has expired or is not correct. You can ask for a new one.",
  },

  "forgot.title": { vi: "Quên mật khẩu", en: "Forgotten password" },
  "forgot.lead": {
    vi: "Nhập email của tài khoản. Nếu địa chỉ này có tài khoản, chúng tôi sẽ gửi một đường dẫn đặt lại mật khẩu có hiệu lực trong 1 giờ.",
    en: "Enter your account's email. If the address has an account, we will send a link to reset the password, valid for one hour.",
  },
  "forgot.submit": { vi: "Gửi đường dẫn", en: "Send the link" },
  "forgot.sent": {
    vi: "Nếu địa chỉ này có tài khoản, một đường dẫn đặt lại mật khẩu đã được gửi đến đó. Đường dẫn có hiệu lực trong 1 giờ và chỉ dùng được một lần.",
    en: "If this address has an account, a link to reset the password is on its way. It is valid for one hour and works once.",
  },

  "reset.title": { vi: "Đặt mật khẩu mới", en: "Choose a new password" },
  "reset.lead": {
    vi: "Đặt mật khẩu mới cho {email}. Mọi phiên đăng nhập cũ sẽ kết thúc.",
    en: "Choose a new password for {email}. Every earlier sign-in will end.",
  },
  "reset.password": { vi: "Mật khẩu mới", en: "New password" },
  "reset.confirm": { vi: "Nhập lại mật khẩu mới", en: "Repeat the new password" },
  "reset.submit": { vi: "Lưu mật khẩu", en: "Save password" },

  "account.title": { vi: "Tài khoản của tôi", en: "My account" },
  "account.profile": { vi: "Hồ sơ", en: "Profile" },
  "account.name": { vi: "Họ và tên", en: "Full name" },
  "account.email": { vi: "Email", en: "Email" },
  "account.phone": { vi: "Điện thoại", en: "Phone" },
  "account.position": { vi: "Chức vụ", en: "Position" },
  "account.locale": { vi: "Ngôn ngữ ưu tiên (giao diện và email)", en: "Preferred language (pages and emails)" },
  "account.saveProfile": { vi: "Lưu hồ sơ", en: "Save profile" },
  "account.saved": { vi: "Đã lưu hồ sơ.", en: "Profile saved." },
  "account.passwordTitle": { vi: "Đổi mật khẩu", en: "Change password" },
  "account.passwordLead": {
    vi: "Sau khi đổi, mọi phiên đăng nhập khác của bạn (trên thiết bị khác) sẽ kết thúc.",
    en: "After the change, every other sign-in of yours (on other devices) ends.",
  },
  "account.current": { vi: "Mật khẩu hiện tại", en: "Current password" },
  "account.changePassword": { vi: "Đổi mật khẩu", en: "Change password" },
  "account.passwordChanged": {
    vi: "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.",
    en: "Password changed. Your other sign-ins have ended.",
  },
  "account.password.wrong": { vi: "Mật khẩu hiện tại không đúng.", en: "The current password is not correct." },
  "account.password.throttled": {
    vi: "Đã nhập sai mật khẩu hiện tại quá nhiều lần. Vui lòng đợi vài phút rồi thử lại.",
    en: "The current password was entered wrongly too many times. Please wait a few minutes before trying again.",
  },
  "account.password.mismatch": { vi: "Hai mật khẩu không giống nhau.", en: "The two passwords do not match." },
  "account.memberships": { vi: "Tổ chức của tôi", en: "My organizations" },
  "account.noMemberships": {
    vi: "Bạn chưa thuộc tổ chức nào. Quản trị viên của tổ chức có thể mời bạn tham gia.",
    en: "You do not belong to an organization yet. An organization's admin can invite you.",
  },
  "account.roles": { vi: "Vai trò", en: "Roles" },
  "account.role.staff": { vi: "Cán bộ quản lý", en: "Staff" },
  "account.role.organizer": { vi: "Ban tổ chức sự kiện", en: "Event organizer" },
  "account.unverified": { vi: "Địa chỉ email của bạn chưa được xác nhận.", en: "Your email address is not confirmed yet." },
  "account.resend": { vi: "Gửi lại thư xác nhận", en: "Send the confirmation again" },
  "account.resent": { vi: "Đã gửi thư xác nhận.", en: "Confirmation email sent." },

  "mail.greetingAnonymous": { vi: "Xin chào,", en: "Hello," },
  "mail.ignoreIfNotYou": {
    vi: "Nếu bạn không yêu cầu việc này, hãy bỏ qua thư; tài khoản của bạn không thay đổi.",
    en: "If you did not ask for this, ignore this email; your account stays as it is.",
  },
  "mail.verify.subject": { vi: "Xác nhận địa chỉ email của bạn", en: "Confirm your email address" },
  "mail.verify.heading": { vi: "Chào mừng bạn đến với Cổng Đổi mới sáng tạo", en: "Welcome to the Innovation Portal" },
  "mail.verify.body": {
    vi: "Tài khoản của bạn đã được tạo. Vui lòng xác nhận địa chỉ email để bắt đầu sử dụng.",
    en: "Your account has been created. Please confirm your email address to start using it.",
  },
  "mail.verify.action": { vi: "Xác nhận email", en: "Confirm email" },
  "mail.verify.footnote": {
    vi: "Đường dẫn có hiệu lực trong 48 giờ. Nếu bạn không đăng ký, hãy bỏ qua thư này.",
    en: "The link is valid for 48 hours. If you did not sign up, ignore this email.",
  },
  "mail.exists.subject": { vi: "Bạn đã có tài khoản", en: "You already have an account" },
  "mail.exists.heading": { vi: "Địa chỉ này đã có tài khoản", en: "This address already has an account" },
  "mail.exists.body": {
    vi: "Có người vừa đăng ký tài khoản mới bằng địa chỉ email này. Bạn đã có tài khoản; nếu quên mật khẩu, hãy đặt lại mật khẩu.",
    en: "Someone just tried to sign up with this email address. You already have an account; if you forgot the password, reset it.",
  },
  "mail.exists.action": { vi: "Đặt lại mật khẩu", en: "Reset password" },
  "mail.reset.subject": { vi: "Đặt lại mật khẩu", en: "Reset your password" },
  "mail.reset.heading": { vi: "Yêu cầu đặt lại mật khẩu", en: "A password reset was requested" },
  "mail.reset.body": {
    vi: "Bấm vào nút bên dưới để đặt mật khẩu mới. Đường dẫn có hiệu lực trong 1 giờ và chỉ dùng được một lần.",
    en: "Use the button below to choose a new password. The link is valid for one hour and works once.",
  },
  "mail.reset.action": { vi: "Đặt mật khẩu mới", en: "Choose a new password" },
} satisfies MessageTable;
