/** Per-customer CLV (customer_id, clv, method, ...), built by computeClv. */
export const CLV_TABLE = 'cw_customer_clv';

/** Per distinct BG/NBD history: discounted and undiscounted expected purchases over the horizon. */
export const CLV_PURCHASES_TABLE = 'cw_clv_purchases';
