import type { MessageTable } from "../types";

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
} satisfies MessageTable;
