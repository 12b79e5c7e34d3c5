/** The orders the attention list offers, shared by its query and its page's sort links. */
export const ATTENTION_SORTS = ["days_late", "due_on", "last_update", "owner"] as const;
export type AttentionSort = (typeof ATTENTION_SORTS)[number];

export function isAttentionSort(value: string | null): value is AttentionSort {
  return ATTENTION_SORTS.some((s) => s === value);
}
