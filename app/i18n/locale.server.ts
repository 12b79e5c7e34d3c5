import { DEFAULT_LOCALE, isLocale, type Locale } from "./locale";

export const LOCALE_COOKIE = "lang";

/** The reader's language: their choice (cookie), else Vietnamese, the portal's first language. */
export function getLocale(request: Request): Locale {
  return localeOfCookie(request.headers.get("cookie"));
}

/** The same choice read from a Cookie header, for the HTTP layer that answers before the routes. */
export function localeOfCookie(cookie: string | null | undefined): Locale {
  const match = /(?:^|;\s*)lang=(vi|en)(?:;|$)/.exec(cookie ?? "");
  return match && isLocale(match[1]) ? match[1] : DEFAULT_LOCALE;
}

export function localeCookie(locale: Locale, secure: boolean): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}
