import { INTL_LOCALE, type Locale } from "./locale";
import { MESSAGES, type MessageKey } from "./messages";
import { PORTAL_TIME_ZONE } from "~/lib/time";

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = MESSAGES[key][locale];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/**
 * Content stored in both languages as `<field>_vi` / `<field>_en`: the reader's language,
 * falling back to Vietnamese, the language every record must have.
 */
export function localized<F extends string>(
  row: { [K in `${F}_vi` | `${F}_en`]?: string | null },
  field: F,
  locale: Locale,
): string {
  const record = row as Record<string, string | null | undefined>;
  return (locale === "en" ? record[`${field}_en`] : null) || record[`${field}_vi`] || "";
}

const DATE_STYLES = {
  date: { dateStyle: "long" },
  shortDate: { day: "2-digit", month: "2-digit", year: "numeric" },
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  weekday: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

type DateStyle = keyof typeof DATE_STYLES | "dateTime";

/**
 * Formatters made once per language and style: making an Intl formatter costs far more than using
 * one, and a page of 50 commitments formats hundreds of dates.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let made = formatters.get(key) as F | undefined;
  if (!made) {
    made = make();
    formatters.set(key, made);
  }
  return made;
}

/** Dates and times always in Vietnam's time zone, in the reader's language. */
export function formatDate(iso: string, locale: Locale, style: DateStyle = "date"): string {
  // "10 tháng 12, 2026 · 08:30" reads better in both languages than Intl's combined forms.
  if (style === "dateTime") return `${formatDate(iso, locale, "date")} · ${formatDate(iso, locale, "time")}`;
  return formatter(`date ${locale} ${style}`, () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...DATE_STYLES[style], timeZone: PORTAL_TIME_ZONE })).format(new Date(iso));
}

/** A YYYY-MM-DD date (no time of day) in the reader's language. */
export function formatDay(day: string, locale: Locale): string {
  return formatter(`day ${locale}`, () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "long", timeZone: "UTC" })).format(new Date(`${day}T00:00:00Z`));
}

export function formatNumber(value: number, locale: Locale): string {
  return formatter(`number ${locale}`, () => new Intl.NumberFormat(INTL_LOCALE[locale])).format(value);
}
