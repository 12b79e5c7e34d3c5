/** An event's own registration question, asked in both languages. */
export type EventQuestion = { id: string; label_vi: string; label_en: string; required: boolean };

/**
 * The organizer writes one question per line, "Vietnamese | English", with a leading "*" for a
 * required one. Returns null when a line has no English part.
 */
export function parseQuestions(text: string): EventQuestion[] | null {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const questions: EventQuestion[] = [];
  for (const [i, line] of lines.entries()) {
    const required = line.startsWith("*");
    const [vi, en, ...rest] = line.replace(/^\*\s*/, "").split("|").map((s) => s.trim());
    if (!vi || !en || rest.length || vi.length > 300 || en.length > 300) return null;
    questions.push({ id: `q${i + 1}`, label_vi: vi, label_en: en, required });
  }
  return questions.length > 20 ? null : questions;
}

export function questionsToText(questions: EventQuestion[]): string {
  return questions.map((q) => `${q.required ? "* " : ""}${q.label_vi} | ${q.label_en}`).join("\n");
}

export function readQuestions(json: string): EventQuestion[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as EventQuestion[]) : [];
  } catch {
    return [];
  }
}
