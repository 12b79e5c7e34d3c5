/** Every list that can grow shows at most this many rows a page. */
export const PAGE_SIZE = 50;

/** The page number a list's URL asks for; anything odd is the first page. */
export function pageParam(url: URL): number {
  const page = Number(url.searchParams.get("page"));
  return Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1;
}

/** The row offset of a page. */
export function pageOffset(page: number, size = PAGE_SIZE): number {
  return (page - 1) * size;
}
