import { describe, expect, it } from "vitest";
import { matchesSearch, searchTerms } from "~/events/registration-search";

const quan = { name: "Phạm Minh Quân", email: "quan.pham@kami.example.vn", organization: "CTCP Công nghệ Chế tạo Kami", phone: "+84 912 345 678" };
const found = (query: string) => matchesSearch(quan, searchTerms(query));

describe("searching registrations", () => {
  it("finds a name by its words in any order, skipping the middle name, with or without accents", () => {
    expect(found("pham quan")).toBe(true);
    expect(found("quân phạm")).toBe(true);
    expect(found("QUAN minh")).toBe(true);
    expect(found("pham hoa")).toBe(false);
  });

  it("finds a person by email, organization or phone, written the way people write phones", () => {
    expect(found("quan.pham@kami")).toBe(true);
    expect(found("che tao kami")).toBe(true);
    expect(found("0912 345 678")).toBe(true);
    expect(found("0912.345.678")).toBe(true);
    expect(found("912345678")).toBe(true);
    expect(found("+84912345678")).toBe(true);
    expect(matchesSearch({ ...quan, phone: "0912 345 678" }, searchTerms("+84 912345678"))).toBe(true);
    expect(found("0913")).toBe(false);
  });

  it("reads at most eight words of a search", () => {
    expect(searchTerms("a b c d e f g h i j")).toHaveLength(8);
  });
});
