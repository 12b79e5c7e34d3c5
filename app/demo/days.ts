import { vietnamLocalToIso, vietnamToday } from "~/lib/time";

/** A day relative to today in Vietnam, as YYYY-MM-DD. */
export function dayFromToday(days: number): string {
  const today = vietnamToday();
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export { addDays } from "~/lib/time";

/** A time on a demo day, Vietnam time, as ISO UTC. */
export function at(day: string, time: string): string {
  return vietnamLocalToIso(`${day}T${time}`)!;
}
