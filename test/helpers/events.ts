import { newId } from "~/lib/ids.server";
import type { DB, NewEvent } from "~db/schema";

const HOUR = 3_600_000;

/** A published event open for registration, starting in ten days; fields may be overridden. */
export async function createTestEvent(db: DB, overrides: Partial<NewEvent> = {}) {
  const now = Date.now();
  const id = newId();
  const slug = overrides.slug ?? `test-event-${id}`;
  const event: NewEvent = {
    id,
    slug,
    kind: "workshop",
    status: "published",
    title_vi: "Hội thảo kiểm thử Đổi mới",
    title_en: "Test workshop",
    summary_vi: "Tóm tắt",
    summary_en: "Summary",
    venue_vi: "Phòng họp số 1",
    venue_en: "Meeting room 1",
    starts_at: new Date(now + 240 * HOUR).toISOString(),
    ends_at: new Date(now + 248 * HOUR).toISOString(),
    capacity: 30,
    registration_opens_at: new Date(now - HOUR).toISOString(),
    registration_closes_at: null,
    requires_approval: 0,
    questions: "[]",
    created_by: null,
    published_at: new Date(now - HOUR).toISOString(),
    created_at: new Date(now - 2 * HOUR).toISOString(),
    updated_at: new Date(now - 2 * HOUR).toISOString(),
    ...overrides,
  };
  await db.insertInto("events").values(event).execute();
  return { id, slug };
}

/** The registration form's fields for one person. */
export function registrationFields(n: number | string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    name: `Nguyễn Thị Hằng ${n}`,
    email: `attendee${n}@example.vn`,
    organization: "CTCP Công nghệ Chế tạo Kami",
    position: "Kỹ sư",
    consent: "on",
    ...extra,
  };
}
