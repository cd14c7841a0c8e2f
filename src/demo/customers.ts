import { utf8 } from '../engine/arrow/columns';
import { DEMO_SOURCE } from './config';
import { CHANNELS, COMPANY_SIZES, CONTRACT_TYPES, INDUSTRIES, REGIONS, SEGMENTS, TIERS } from './dimensions';
import { stamp, type GenContext } from './context';
import { companyName } from './names';
import type { CustomerProfile } from './profile';
import type { Rng } from './prng';
import type { DemoWriters } from './tables';

/**
 * The customers row and its extra dimensions (customer_attributes). status and churned stay
 * NULL: the demo carries no churn label, so the screen must derive churn from behaviour.
 */

const TIER_BYTES = TIERS.map(utf8);
const SEGMENT_BYTES = SEGMENTS.map(utf8);
const REGION_BYTES = REGIONS.map(utf8);
const INDUSTRY_BYTES = INDUSTRIES.map(utf8);
const CHANNEL_BYTES = CHANNELS.map(utf8);
const SIZE_BYTES = COMPANY_SIZES.map(utf8);
const CONTRACT_BYTES = CONTRACT_TYPES.map(utf8);
const ATTR_SIZE = utf8('company_size');
const ATTR_CONTRACT = utf8('contract_type');
const SOURCE = utf8(DEMO_SOURCE);

/** Customer id of index i: C0000001, C0000002 ... (7 digits, wider past ten million). */
export function customerIdOf(index: number): string {
  return 'C' + String(index + 1).padStart(7, '0');
}

/** Writes the customers row; `monthlyValue` is the subscriber's MRR (null for non-subscribers). */
export function writeCustomer(rng: Rng, p: CustomerProfile, monthlyValue: number | null, ctx: GenContext, w: DemoWriters['customers']): void {
  w.customer_id.push(ctx.customerId);
  w.name.pushString(companyName(rng, p.region, p.industry));
  w.signup_date.push(p.signup);
  w.tier.push(TIER_BYTES[p.tier]);
  w.segment.push(SEGMENT_BYTES[p.segment]);
  w.region.push(REGION_BYTES[p.region]);
  w.industry.push(INDUSTRY_BYTES[p.industry]);
  w.owner.push(utf8(p.owner));
  w.channel.push(CHANNEL_BYTES[p.channel]);
  w.status.pushNull();
  w.churned.pushNull();
  w.monthly_value.pushMaybe(monthlyValue);
  stamp(ctx, 'customers', w);
}

/**
 * Writes the customer's extra dimensions: company_size (band + headcount) and contract_type
 * (订阅合同 when it holds a subscription).
 */
export function writeAttributes(
  rng: Rng,
  p: CustomerProfile,
  subscribed: boolean,
  ctx: GenContext,
  w: DemoWriters['customer_attributes'],
): void {
  const e = p.employees;
  const band = e >= 1000 ? 0 : e >= 200 ? 1 : e >= 50 ? 2 : 3;
  w.customer_id.push(ctx.customerId);
  w.attribute.push(ATTR_SIZE);
  w.value_text.push(SIZE_BYTES[band]);
  w.value_num.push(e);
  w._source.push(SOURCE);

  // Large buyers without a subscription often hold a yearly framework agreement.
  const contract = subscribed ? 0 : rng.chance(p.segment === 0 ? 0.6 : 0.15) ? 1 : 2;
  w.customer_id.push(ctx.customerId);
  w.attribute.push(ATTR_CONTRACT);
  w.value_text.push(CONTRACT_BYTES[contract]);
  w.value_num.pushNull();
  w._source.push(SOURCE);
  ctx.lines.customer_attributes += 2;
}
