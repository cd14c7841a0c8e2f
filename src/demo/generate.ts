import { Table } from 'apache-arrow';
import { DEFAULT_DEMO_CUSTOMERS, DEFAULT_DEMO_SEED, DEFAULT_ORDERS_PER_CUSTOMER } from './config';
import { writeChunk, type DemoTables } from './chunk';
import { STREAM, createContext } from './context';
import { REFUND_SHARE, expectedPurchases } from './orders';
import { drawProfile } from './profile';
import { Rng } from './prng';
import { DEMO_TABLES } from './tables';

/** Size and seed of a demo dataset. */
export interface DemoOptions {
  /** Number of customers (default 20,000; up to millions). */
  customers?: number;
  /** Average order rows per customer (default 20, so ~400,000 orders at the default size). */
  ordersPerCustomer?: number;
  /** Seed: the same seed and size give byte-identical tables on any machine. */
  seed?: number;
  /** Customers per chunk (default 50,000): bounds memory; does not change the data. */
  chunkCustomers?: number;
}

/** Every demo table as an Arrow table, columns in canonical order plus `_source`/`_line`. */
export type DemoDataset = DemoTables;

/** The tables of customers [firstCustomer, firstCustomer + customerCount). */
export interface DemoChunk {
  firstCustomer: number;
  customerCount: number;
  tables: DemoTables;
}

/** Options with defaults filled in and validated. */
export interface ResolvedDemoOptions {
  customers: number;
  ordersPerCustomer: number;
  seed: number;
  chunkCustomers: number;
}

/** Fills in defaults and rejects sizes the generator cannot honour. */
export function resolveDemoOptions(options: DemoOptions = {}): ResolvedDemoOptions {
  const customers = options.customers ?? DEFAULT_DEMO_CUSTOMERS;
  const ordersPerCustomer = options.ordersPerCustomer ?? DEFAULT_ORDERS_PER_CUSTOMER;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const chunkCustomers = options.chunkCustomers ?? 50_000;
  if (!Number.isInteger(customers) || customers < 1 || customers > 50_000_000) throw new RangeError(`customers must be an integer in 1..50,000,000, got ${customers}`);
  if (!(ordersPerCustomer >= 1 && ordersPerCustomer <= 500)) throw new RangeError(`ordersPerCustomer must be in 1..500, got ${ordersPerCustomer}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(chunkCustomers) || chunkCustomers < 1) throw new RangeError(`chunkCustomers must be a positive integer, got ${chunkCustomers}`);
  return { customers, ordersPerCustomer, seed: seed >>> 0, chunkCustomers };
}

/** Profiles sampled to calibrate the order rate (every customer when there are fewer). */
const CALIBRATION_SAMPLE = 20_000;

/**
 * The base order rate that makes the expected order rows equal customers x ordersPerCustomer.
 * It reads a strided sample of the very profiles the chunks will draw (they are pure functions
 * of seed and index), so it is deterministic and costs a fraction of the generation.
 */
export function calibrateOrderRate(o: ResolvedDemoOptions): number {
  const step = Math.max(1, Math.floor(o.customers / CALIBRATION_SAMPLE));
  const rng = new Rng();
  let fixed = 0;
  let perRate = 0;
  let n = 0;
  for (let i = 0; i < o.customers; i += step) {
    const e = expectedPurchases(drawProfile(rng.reseed(o.seed, i, STREAM.profile), i));
    fixed += e.fixed;
    perRate += e.perRate;
    n++;
  }
  // Order rows = purchases plus refund rows.
  const targetPurchases = (n * o.ordersPerCustomer) / (1 + REFUND_SHARE);
  return perRate > 0 ? Math.max(0, (targetPurchases - fixed) / perRate) : 0;
}

/**
 * Generates the demo company chunk by chunk (a bounded number of customers each), so a million
 * customers and ten million orders never sit in memory at once. Chunks concatenated equal one run.
 */
export function* generateDemoChunks(options: DemoOptions = {}): Generator<DemoChunk, void, undefined> {
  const o = resolveDemoOptions(options);
  const ctx = createContext(o.seed, calibrateOrderRate(o), o.ordersPerCustomer / DEFAULT_ORDERS_PER_CUSTOMER);
  for (let from = 0; from < o.customers; from += o.chunkCustomers) {
    const to = Math.min(o.customers, from + o.chunkCustomers);
    yield { firstCustomer: from, customerCount: to - from, tables: writeChunk(ctx, from, to, o.ordersPerCustomer) };
  }
}

/** Generates the whole demo company in memory (for the default size and tests). */
export function generateDemo(options: DemoOptions = {}): DemoDataset {
  const batches = Object.fromEntries(DEMO_TABLES.map((t) => [t, [] as Table[]])) as Record<keyof DemoTables, Table[]>;
  for (const chunk of generateDemoChunks(options)) for (const t of DEMO_TABLES) batches[t].push(chunk.tables[t]);
  const out = {} as DemoDataset;
  for (const t of DEMO_TABLES) out[t] = new Table(batches[t].flatMap((tb) => tb.batches));
  return out;
}
