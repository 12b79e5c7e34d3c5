type WindowedEvent = {
  status: string;
  starts_at: string;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
};

export type RegistrationWindow = "open" | "not_yet_open" | "closed";

/** Registration is open for a published event between its window's ends, and never after it starts. */
export function registrationWindow(event: WindowedEvent, now: string): RegistrationWindow {
  if (event.status !== "published") return "closed";
  if (event.registration_opens_at && now < event.registration_opens_at) return "not_yet_open";
  const closes = event.registration_closes_at ?? event.starts_at;
  return now < closes && now < event.starts_at ? "open" : "closed";
}
