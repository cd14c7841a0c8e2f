import type { AliveModel, ChurnRule } from '../settings';
import type { PeriodBasis, ValueBasis } from '../status/basis';

/**
 * Analytics computed elsewhere and handed over as tables (a facts bundle, docs/facts-contract.md):
 * the screen's build graph then takes these tables as they are instead of building them, runs the
 * steps that can run from them, and skips the steps whose inputs (the raw canonical tables) are not
 * there (graph/bundleSteps.ts). The workspace loads the tables under their contract names.
 */
export interface ProvidedFacts {
  /** What the bundle is called on screen (its folder or the URL's directory). */
  label: string;
  /** The as-of date every table was computed at. */
  asOf: string;
  /** What the data decided when the tables were computed. */
  decisions: { churnRule: ChurnRule; periodBasis: PeriodBasis; valueBasis: ValueBasis; aliveModel: AliveModel };
  /** The contract tables the bundle holds (each loaded under its name, possibly without rows). */
  tables: readonly string[];
  /** Contract tables the bundle leaves out, with the writer's reason. */
  omitted: readonly { table: string; reason: string }[];
  /** Which engine wrote it ('wasm', 'native', 'spark-sql') and when. */
  engine: string;
  writtenAt: string;
}

/** Whether the provided tables include `table`. */
export function provides(p: ProvidedFacts, table: string): boolean {
  return p.tables.includes(table);
}
