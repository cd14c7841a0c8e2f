import type { TriggerItem } from './kinds';

/** Identity of a trigger across refreshes: the same moment for the same customer. */
export function triggerKey(t: Pick<TriggerItem, 'kind' | 'customer_id' | 'due_date'>): string {
  return JSON.stringify([t.kind, t.customer_id, t.due_date]);
}

/**
 * Flags the triggers that were not in the previous refresh (by kind, customer and due date), in
 * the current list's order. With no previous list (first load) nothing is new, so the ticker does
 * not blink every row at start-up.
 */
export function flagNewTriggers<T extends Pick<TriggerItem, 'kind' | 'customer_id' | 'due_date'>>(
  previous: readonly T[] | null,
  current: readonly T[],
): (T & { isNew: boolean })[] {
  if (previous === null) return current.map((t) => ({ ...t, isNew: false }));
  const seen = new Set(previous.map(triggerKey));
  return current.map((t) => ({ ...t, isNew: !seen.has(triggerKey(t)) }));
}
