import type { Locale } from "~/i18n/locale";
import { translate } from "~/i18n/translate";

/** The consent text the attendee ticked, stored word for word with its time. */
export function consentText(locale: Locale): string {
  return translate(locale, "register.consentText");
}
