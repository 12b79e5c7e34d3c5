import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { saveLocale } from "~/auth/accounts.server";
import { getDb } from "~/db.server";
import { isLocale } from "~/i18n/locale";
import { localeCookie } from "~/i18n/locale.server";
import { readForm } from "~/lib/form-body.server";
import { safeRedirect } from "~/lib/safe-redirect";

/** The language switch: remembered in a cookie, and in the profile of a signed-in user (their emails follow it). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  if (context.user) {
    await saveLocale(getDb(), context.user.id, locale);
  }
  return redirect(to, { headers: { "Set-Cookie": localeCookie(locale, context.secure) } });
}

export async function loader() {
  return redirect("/");
}
