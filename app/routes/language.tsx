import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { isLocale } from "~/i18n/locale";
import { localeCookie } from "~/i18n/locale.server";
import { readForm } from "~/lib/form-body.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { nowIso } from "~/lib/time";

/** The language switch: remembered in a cookie, and in the profile of a signed-in user (their emails follow it). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  if (context.user) {
    await getDb().updateTable("users").set({ locale, updated_at: nowIso() }).where("id", "=", context.user.id).execute();
  }
  return redirect(to, { headers: { "Set-Cookie": localeCookie(locale, context.secure) } });
}

export async function loader() {
  return redirect("/");
}
