import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "./password-rules";

// The account forms' schemas: shared by their routes and, free of server code, usable in the browser.

const password = z.string().min(PASSWORD_MIN_LENGTH).max(200);
const email = z.string().trim().toLowerCase().min(1).max(254).email();
const name = z.string().trim().min(1).max(120);
const optionalText = z
  .string()
  .trim()
  .max(120)
  .optional()
  .transform((v) => v || null);

export const LocaleSchema = z.enum(["vi", "en"]);

export const SignupSchema = z.object({
  name,
  email,
  password,
  locale: LocaleSchema,
  invitation: z.string().max(200).optional(),
});

export const ForgotPasswordSchema = z.object({ email });

const passwordPair = { password, confirm: z.string().max(200) };
const matches = (v: { password: string; confirm: string }) => v.password === v.confirm;
const mismatch = { message: "account.password.mismatch", path: ["confirm"] };

export const ResetPasswordSchema = z.object(passwordPair).refine(matches, mismatch);

export const ProfileSchema = z.object({ name, phone: optionalText, position: optionalText, locale: LocaleSchema });

export const ChangePasswordSchema = z.object({ current: z.string().min(1).max(200), ...passwordPair }).refine(matches, mismatch);

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254).email(),
  password: z.string().min(1).max(1000),
  redirectTo: z.string().optional(),
});
