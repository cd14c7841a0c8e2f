import { FACTS_DIMENSIONS } from '../common/dimensions';

/** Prefix of drill dimensions naming an extra customer column (customer_attributes). */
export const ATTRIBUTE_PREFIX = 'attr:';

/** Structural dimensions read from a per-customer table of their own (value tier, RFM segment, facts columns). */
export const TABLE_DIMENSIONS: readonly string[] = ['value_tier', 'rfm_segment', ...FACTS_DIMENSIONS];

/** Structural dimensions derived at prepare time that keep their name as drill dimensions. */
export const DERIVED_DIMENSIONS: readonly string[] = ['tenure_band', 'plan'];

/** The drill dimension of a structural dimension ('Contract' -> 'attr:Contract'), so a bar is a DrillStep. */
export function drillDimensionOf(structuralDimension: string): string {
  return TABLE_DIMENSIONS.includes(structuralDimension) || DERIVED_DIMENSIONS.includes(structuralDimension)
    ? structuralDimension : ATTRIBUTE_PREFIX + structuralDimension;
}
