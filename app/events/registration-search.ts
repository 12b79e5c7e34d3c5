/** Lower case without Vietnamese diacritics: "Lê Thị Ánh" and "le thi anh" match. */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}

const MAX_TERMS = 8;

/** A Vietnamese number written internationally ("+84 912…", "84912…") searches as it is dialled at home ("0912…"). */
function phoneDigits(word: string): string {
  const digits = word.replace(/\D/g, "");
  return word.startsWith("+84") || (digits.startsWith("84") && digits.length >= 11) ? `0${digits.slice(2)}` : digits;
}

/**
 * The words of a search, folded; at most a few, so that a pasted paragraph costs no more than a name.
 * A word that is a phone number loses its punctuation: "0912.345.678" and "+84 912 345 678" are digits.
 */
export function searchTerms(query: string): string[] {
  return foldForSearch(query)
    .split(/\s+/)
    .map((word) => (/^\+?[\d().-]+$/.test(word) ? phoneDigits(word) : word))
    .filter(Boolean)
    .slice(0, MAX_TERMS);
}

type Searchable = { name: string; email: string; organization: string | null; phone: string | null };

/**
 * Every word of the search appears somewhere in the person's name, email, organization or phone, in
 * any order: "pham quan" and "quân phạm" both find Phạm Minh Quân, middle name and all. A phone is
 * compared by its digits both in the international and the national form, so "0912 345 678" finds
 * "+84 912 345 678".
 */
export function matchesSearch(person: Searchable, terms: string[]): boolean {
  const digits = (person.phone ?? "").replace(/\D/g, "");
  const national = digits ? `0${digits.replace(/^(84|0)/, "")}` : "";
  const text = `${foldForSearch(`${person.name} ${person.email} ${person.organization ?? ""}`)} ${digits} ${national}`;
  return terms.every((term) => text.includes(term));
}
