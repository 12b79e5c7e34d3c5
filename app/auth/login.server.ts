import { z } from "zod";
import type { DB } from "~db/schema";
import { verifyPassword } from "./password.server";

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254).email(),
  password: z.string().min(1).max(1000),
  redirectTo: z.string().optional(),
});

/** The user whose password matches, or null; the same answer for a wrong password and an unknown email. */
export async function authenticate(db: DB, email: string, password: string) {
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "is_staff", "is_organizer", "disabled_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  if (!user?.password_hash || user.disabled_at) return null;
  return (await verifyPassword(user.password_hash, password)) ? user : null;
}

/** Where each role works: staff watch the dashboard, organizers run events, companies their MoUs. */
export function homeFor(user: { is_staff: number; is_organizer: number }): string {
  if (Number(user.is_staff)) return "/dashboard";
  if (Number(user.is_organizer)) return "/manage/events";
  return "/mous";
}
