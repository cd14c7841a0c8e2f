/**
 * The fixed facts of the demo company: its name, the dates its data spans, and the three
 * stories product.md promises, so tests and the UI can point at the same constants.
 */

/** The last day of demo data (its "today"): nothing is dated later except future renewal dates. */
export const DEMO_AS_OF = '2026-09-30';

/** The first day of demo data: signups and orders start here (3.75 years before the as-of date). */
export const DEMO_START = '2023-01-01';

/** Value of `_source` on every demo row. */
export const DEMO_SOURCE = 'demo';

/** The demo company shown in the screen header. */
export const DEMO_COMPANY = { name: '华辰科技（演示公司）', nameEn: 'Huachen Technology (demo)' } as const;

/** Default size: about 20,000 customers (product.md, "Offline demo"). */
export const DEFAULT_DEMO_CUSTOMERS = 20_000;

/** Default average orders per customer: 20, so about 400,000 orders at the default size. */
export const DEFAULT_ORDERS_PER_CUSTOMER = 20;

/** Default seed. */
export const DEFAULT_DEMO_SEED = 20260930;

/**
 * Story 1: service slowed down in one region (first responses over 48 h) from this day on,
 * and its high-value customers churn far more from then.
 */
export const SLOWDOWN_REGION = '华东';
/** Story 1: first day of the service slowdown. */
export const SLOWDOWN_START = '2025-10-01';
/** The high-value tiers (about the top 20% of customers). */
export const HIGH_VALUE_TIERS = ['钻石', '金牌'] as const;

/**
 * Story 3: an autumn trade-show campaign signed an unusually large cohort of annual contracts
 * in this month, so their renewals all fall due in the month after the as-of date.
 */
export const CAMPAIGN_MONTH = '2025-10';
/** Story 3: the month of the renewal cliff (the month after DEMO_AS_OF). */
export const RENEWAL_CLIFF_MONTH = '2026-10';

/** Usage logs are exported for the trailing year only (as CRMs usually do), which bounds their volume. */
export const ACTIVITY_DAYS = 365;
