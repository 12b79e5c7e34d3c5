import type { Locale } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { formatDay, formatNumber, translate } from "~/i18n/translate";
import { DomainError } from "~/lib/domain-error";
import type { DB } from "~db/schema";
import type { VersionContent } from "./versions.server";
import { partChange, wordDiff } from "./word-diff";

type Side = { heading: string; body: string } | null;
type Bilingual = { vi: string | null; en: string | null };

/**
 * Two versions of an MoU by number, compared in the reader's language, each with when and by whom
 * it was made and the editor's note on it; not found when either is not a version of this MoU.
 */
export async function compareMouVersions(db: DB, mouId: string, numbers: [number, number], locale: Locale) {
  const versions = await db
    .selectFrom("mou_versions")
    .leftJoin("users", "users.id", "mou_versions.created_by")
    .select(["mou_versions.number", "mou_versions.content", "mou_versions.content_hash", "mou_versions.note", "mou_versions.created_at", "users.name as author"])
    .where("mou_versions.mou_id", "=", mouId)
    .where("mou_versions.number", "in", numbers)
    .execute();
  const [a, b] = numbers.map((n) => versions.find((v) => Number(v.number) === n));
  if (!a || !b) throw new DomainError("notFound");
  const side = (v: typeof a) => ({ number: v.number, hash: v.content_hash, note: v.note, author: v.author, created_at: v.created_at });
  return { a: side(a), b: side(b), diff: compareVersions(JSON.parse(a.content) as VersionContent, JSON.parse(b.content) as VersionContent, locale) };
}

const META: { field: "title" | "purpose" | "scope" | "effective_on" | "expires_on"; label: MessageKey }[] = [
  { field: "title", label: "mous.field.title" },
  { field: "purpose", label: "mous.field.purpose" },
  { field: "scope", label: "mous.field.scope" },
  { field: "effective_on", label: "mous.field.effectiveOn" },
  { field: "expires_on", label: "mous.field.expiresOn" },
];

/** Two versions clause by clause, side by side: position n of one against position n of the other. */
function compareVersions(a: VersionContent, b: VersionContent, locale: Locale) {
  const pick = (text: Bilingual) => (locale === "en" ? text.en : null) || text.vi || "";
  const day = (d: string | null) => (d ? formatDay(d, locale) : "");
  const side = (c: VersionContent["clauses"][number] | undefined): Side => (c ? { heading: pick({ vi: c.heading_vi, en: c.heading_en }), body: pick({ vi: c.body_vi, en: c.body_en }) } : null);
  const clauses = Array.from({ length: Math.max(a.clauses.length, b.clauses.length) }, (_, i) => {
    const left = side(a.clauses[i]);
    const right = side(b.clauses[i]);
    const change = partChange(a.clauses[i], b.clauses[i]);
    // Inside a clause present in both, the reader sees which words changed rather than two walls of text.
    const joined = (c: NonNullable<Side>) => [c.heading, c.body].filter(Boolean).join("\n");
    const words = change === "changed" && left && right ? wordDiff(joined(left), joined(right)) : null;
    return { position: i + 1, a: left, b: right, changed: change !== "same", change, words };
  });
  const meta = META.map(({ field, label }) => {
    const text = (v: VersionContent) => (field === "effective_on" || field === "expires_on" ? day(v[field]) : pick(v[field]));
    const [before, after] = [text(a), text(b)];
    const changed = JSON.stringify(a[field]) !== JSON.stringify(b[field]);
    return { field, label, a: before, b: after, changed, words: changed ? wordDiff(before, after) : null };
  });
  const commitments = Array.from({ length: Math.max(a.commitments.length, b.commitments.length) }, (_, i) => {
    const [before, after] = [a, b].map((v) => (v.commitments[i] ? commitmentText(v, v.commitments[i], locale) : null));
    const change = partChange(a.commitments[i], b.commitments[i]);
    return { a: before, b: after, changed: change !== "same", change, words: change === "changed" && before !== null && after !== null ? wordDiff(before, after) : null };
  });
  return { meta, clauses, commitments };
}

/** One commitment as a line a reviewer reads: who owes what, by when, and its milestones, dates in their language. */
function commitmentText(version: VersionContent, c: VersionContent["commitments"][number], locale: Locale): string {
  const pick = (text: Bilingual) => (locale === "en" ? text.en : null) || text.vi || "";
  const owner = version.parties.find((p) => p.org_id === c.org_id);
  const kpi = c.kpi
    ? ` — ${c.kpi.baseline !== undefined ? `${formatNumber(c.kpi.baseline, locale)} → ` : ""}${formatNumber(c.kpi.target, locale)} ${pick({ vi: c.kpi.unit_vi, en: c.kpi.unit_en })}`
    : "";
  const milestones = c.milestones.length
    ? `\n${translate(locale, "mous.compare.milestones")}: ${c.milestones.map((m) => `${pick(m.title)} (${formatDay(m.due_on, locale)})`).join("; ")}`
    : "";
  return `${owner ? `${pick({ vi: owner.name_vi, en: owner.name_en })}: ` : ""}${pick(c.title)}${kpi} (${formatDay(c.due_on, locale)})${milestones}`;
}
