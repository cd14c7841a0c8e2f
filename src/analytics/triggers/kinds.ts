/** The key-moment triggers of metrics.md section 7. */
export type TriggerKind = 'first-purchase-30d' | 'renewal-at-risk' | 'open-complaint-7d' | 'unanswered-48h';

/** All trigger kinds in display order. */
export const TRIGGER_KINDS: readonly TriggerKind[] = ['first-purchase-30d', 'renewal-at-risk', 'open-complaint-7d', 'unanswered-48h'];

/** The table of current triggers: kind, customer_id, name, due_date, reason, reason_params (JSON). */
export const TRIGGERS_TABLE = 'cw_triggers';

/** Days after the first purchase at which a one-time buyer is followed up. */
export const FIRST_PURCHASE_DAYS = 30;
/** A complaint stays a trigger this many days after it was opened while unresolved. */
export const OPEN_COMPLAINT_DAYS = 7;
/** Hours without a response after which an after-sales ticket is a trigger. */
export const UNANSWERED_TRIGGER_HOURS = 48;
/**
 * Moments that came due longer ago than this drop off the list, so a two-year-old one-time
 * buyer or a long-forgotten ticket does not sit on the ticker for ever.
 */
export const TRIGGER_LOOKBACK_DAYS = 30;

/** One trigger: who, when it is due, and why (reason.code = kind; params per kind, see triggerText.ts). */
export interface TriggerItem {
  kind: TriggerKind;
  customer_id: string;
  name: string | null;
  due_date: string;
  reason: { code: TriggerKind; params: Record<string, number | string | boolean | null> };
}

/** The analyze contract's per-kind count; null when the data cannot support the kind. */
export interface TriggerCount {
  kind: TriggerKind;
  customers: number | null;
}
