import { describe, expect, it } from "vitest";
import { MESSAGES } from "~/i18n/messages";
import { formatDate, formatDay, localized, translate } from "~/i18n/translate";
import { isoToVietnamLocal, vietnamLocalToIso, vietnamToday } from "~/lib/time";

describe("translation layer", () => {
  it("has every message in both Vietnamese and English, none empty", () => {
    const missing = Object.entries(MESSAGES).filter(([, m]) => !m.vi.trim() || !m.en.trim()).map(([k]) => k);
    expect(missing).toEqual([]);
  });

  it("fills named parameters", () => {
    expect(translate("vi", "events.seatsLeft", { left: 3, capacity: 30 })).toBe("Còn 3/30 chỗ");
    expect(translate("en", "events.seatsLeft", { left: 3, capacity: 30 })).toBe("3 of 30 seats left");
  });

  it("shows content in the reader's language and falls back to Vietnamese", () => {
    const row = { title_vi: "Diễn đàn Vĩnh Phúc", title_en: "Vĩnh Phúc forum" };
    expect(localized(row, "title", "en")).toBe("Vĩnh Phúc forum");
    expect(localized(row, "title", "vi")).toBe("Diễn đàn Vĩnh Phúc");
    expect(localized({ title_vi: "Chỉ tiếng Việt", title_en: null }, "title", "en")).toBe("Chỉ tiếng Việt");
  });
});

describe("dates in Asia/Ho_Chi_Minh", () => {
  // 01:30 UTC is 08:30 in Vietnam, on the same day.
  const iso = "2026-12-10T01:30:00.000Z";

  it("shows times in Vietnam's time zone, whatever the server's", () => {
    expect(formatDate(iso, "vi", "time")).toBe("08:30");
    expect(formatDate(iso, "en", "time")).toBe("08:30");
    expect(formatDate(iso, "vi", "dateTime")).toBe("10 tháng 12, 2026 · 08:30");
    expect(formatDate(iso, "en", "dateTime")).toBe("10 December 2026 · 08:30");
  });

  it("crosses midnight correctly: 20:00 UTC is the next day in Vietnam", () => {
    expect(formatDate("2026-12-09T20:00:00.000Z", "en", "date")).toBe("10 December 2026");
    expect(vietnamToday(new Date("2026-12-09T20:00:00.000Z"))).toBe("2026-12-10");
  });

  it("reads form times as Vietnam wall-clock time and back", () => {
    expect(vietnamLocalToIso("2026-12-10T08:30")).toBe(iso);
    expect(isoToVietnamLocal(iso)).toBe("2026-12-10T08:30");
    expect(vietnamLocalToIso("10/12/2026 08:30")).toBeNull();
  });

  it("formats plain days without shifting them", () => {
    expect(formatDay("2026-12-10", "vi")).toBe("10 tháng 12, 2026");
  });
});
