/** The inspection went past one of its bounds: the file is refused as too complex, never half-read. */
export class InspectLimitError extends Error {}

/**
 * What one inspection may spend. A hostile file can claim millions of objects, nest arrays
 * without end or inflate a few kilobytes into gigabytes; each of those is counted here and the
 * inspection stops with `InspectLimitError` when a bound is passed.
 */
const LIMITS = {
  /** Values parsed: a 10 MB agreement with its revisions stays far below. */
  tokens: 2_000_000,
  /** Indirect objects read, counting a re-read of a cached one only once. */
  objects: 50_000,
  /** Bytes inflated from cross-reference and object streams (content streams are never inflated), all together. */
  inflated: 32 * 1024 * 1024,
  /** Incremental revisions: a document signed by every party of a large MoU has a handful. */
  revisions: 100,
  /** Cross-reference entries, all sections together. */
  xrefEntries: 1_000_000,
} as const;

type BudgetKind = keyof typeof LIMITS;

export class Budget {
  private readonly spent = new Map<BudgetKind, number>();

  spend(kind: BudgetKind, amount: number): void {
    const total = (this.spent.get(kind) ?? 0) + amount;
    if (total > LIMITS[kind]) throw new InspectLimitError(`the file needs more than ${LIMITS[kind]} ${kind}`);
    this.spent.set(kind, total);
  }

  left(kind: BudgetKind): number {
    return LIMITS[kind] - (this.spent.get(kind) ?? 0);
  }
}
