import { DEFAULT_SETTINGS, type AliveModel, type AnalyticsSettings, type ChurnRule, type Period } from '../../analytics/settings';
import type { PeriodBasis, ValueBasis } from '../../analytics/status/basis';
import type { BundleColumn } from '../tableBundle/codec';
import { encodingOf } from '../tableBundle/codec';
import { FACTS_CONTRACT, FACTS_CONTRACT_VERSION, FACTS_MANIFEST, FACTS_TABLES, type ContractTable } from './contract';

/** One file of a written bundle as manifest.json lists it. */
export interface FactsFile {
  table: string;
  /** `<table>.parquet`, or null for a table without rows (its columns are still listed). */
  file: string | null;
  rows: number;
  bytes: number;
  sha256: string | null;
  key: readonly string[];
  /** Name, DuckDB type and how the column travels through Parquet (BOOLEAN as INT8 0/1). */
  columns: BundleColumn[];
}

/** manifest.json of a facts bundle (docs/facts-contract.md). */
export interface FactsManifest {
  contract: typeof FACTS_CONTRACT;
  version: number;
  asOf: string;
  writtenAt: string;
  /** Which engine wrote it: 'wasm' or 'native' (analyze --facts-out), 'spark-sql' (scale/spark). */
  engine: string;
  /** The analytics settings the run used (as-of resolved), and what the data decided. */
  settings: AnalyticsSettings & { asOf: string };
  /** aliveModel: whose P(alive) cw_customer_status.p_alive holds (absent in bundles written before it: 'bgnbd'). */
  decisions: { churnRule: string; periodBasis: string | null; valueBasis: string | null; aliveModel?: string };
  files: FactsFile[];
  /** Contract tables the data cannot support, with the reason. */
  omitted: { table: string; reason: string }[];
  /** Spark job only: tables in `files` with a column it cannot fill, each with the reason. */
  partial?: { table: string; column?: string; reason: string }[];
}

/**
 * A bundle the app refuses, with one message naming the file and the problem in both screen
 * languages. Nothing of the bundle is kept when it is thrown, and nothing already loaded is lost.
 */
export class FactsBundleError extends Error {
  constructor(readonly file: string, readonly zh: string, readonly en: string) {
    super(`${file}: ${en}`);
    this.name = 'FactsBundleError';
  }

  /** The message in a screen language. */
  text(lang: 'zh' | 'en'): string {
    return `${this.file}${lang === 'zh' ? '：' : ': '}${lang === 'zh' ? this.zh : this.en}`;
  }
}

/** The contract tables the screen cannot be drawn without. */
export const REQUIRED_TABLES: readonly string[] = ['cw_customer_facts', 'cw_customer_status'];

/** A manifest checked against the contract, with what the app reads from it. */
export interface CheckedManifest {
  manifest: FactsManifest;
  /** The files that carry rows, by table (every other listed table is empty). */
  files: FactsFile[];
  /** The settings of the run over the app's defaults (keys an older writer did not know keep the default). */
  settings: AnalyticsSettings & { asOf: string };
  decisions: { churnRule: ChurnRule; periodBasis: PeriodBasis; valueBasis: ValueBasis; aliveModel: AliveModel };
}

const RULES: readonly string[] = ['labeled', 'contractual', 'rule', 'model'];
const PERIODS: readonly string[] = ['week', 'month', 'quarter', 'year'];
const PERIOD_BASES: readonly (string | null)[] = ['orders', 'subscriptions', null];
const VALUE_BASES: readonly (string | null)[] = ['orders', 'mrr', 'monthly_value', null];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const fail = (file: string, zh: string, en: string): never => {
  throw new FactsBundleError(file, zh, en);
};

/** `name TYPE` of each column, for messages. */
const described = (cs: readonly { name: string; type: string }[]) => cs.map((c) => `${c.name} ${c.type}`).join(', ');

/**
 * How `found` differs from the contract's columns, in words (missing, unexpected, other type,
 * other order); null when they are the same. `what` names whose columns these are.
 */
export function columnDifference(expected: readonly { name: string; type: string }[], found: readonly { name: string; type: string }[]): { zh: string; en: string } | null {
  if (expected.length === found.length && expected.every((c, i) => c.name === found[i].name && c.type === found[i].type)) return null;
  const byName = new Map(found.map((c) => [c.name, c.type]));
  const expectedNames = new Set(expected.map((c) => c.name));
  const missing = expected.filter((c) => !byName.has(c.name));
  const extra = found.filter((c) => !expectedNames.has(c.name));
  const retyped = expected.filter((c) => byName.has(c.name) && byName.get(c.name) !== c.type);
  const zh: string[] = [];
  const en: string[] = [];
  if (missing.length) {
    zh.push(`缺少列 ${described(missing)}`);
    en.push(`missing column${missing.length > 1 ? 's' : ''} ${described(missing)}`);
  }
  if (extra.length) {
    zh.push(`多出列 ${described(extra)}`);
    en.push(`unexpected column${extra.length > 1 ? 's' : ''} ${described(extra)}`);
  }
  for (const c of retyped) {
    zh.push(`列 ${c.name} 的类型是 ${byName.get(c.name)}，应为 ${c.type}`);
    en.push(`column ${c.name} is ${byName.get(c.name)}, expected ${c.type}`);
  }
  if (!zh.length) {
    zh.push(`列的顺序不同：应为 ${expected.map((c) => c.name).join(', ')}`);
    en.push(`the columns are in another order: expected ${expected.map((c) => c.name).join(', ')}`);
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

/** The contract table of a name, or undefined. */
export function contractTable(name: string): ContractTable | undefined {
  return FACTS_TABLES.find((t) => t.name === name);
}

/**
 * Reads manifest.json's text and checks it against the contract before any file is read: the
 * contract name, a version this app knows (a newer one is refused by name), the as-of date,
 * settings and decisions, and that every contract table is listed exactly once (in `files` or
 * `omitted`) with the contract's key and columns. The tables the screen needs (facts, status)
 * must be there. Throws a FactsBundleError naming manifest.json (or the file whose entry is wrong).
 */
export function checkManifest(text: string): CheckedManifest {
  let m: FactsManifest;
  try {
    m = JSON.parse(text) as FactsManifest;
  } catch (e) {
    return fail(FACTS_MANIFEST, `不是有效的 JSON（${(e as Error).message}）`, `not valid JSON (${(e as Error).message})`);
  }
  if (!m || typeof m !== 'object' || Array.isArray(m)) return fail(FACTS_MANIFEST, '不是数据包清单（应为一个 JSON 对象）', 'not a bundle manifest (expected a JSON object)');
  if (m.contract !== FACTS_CONTRACT) {
    const found = m.contract === undefined ? '没有 "contract" 字段' : `"contract" 为 ${JSON.stringify(m.contract)}`;
    const foundEn = m.contract === undefined ? 'it has no "contract" field' : `its "contract" is ${JSON.stringify(m.contract)}`;
    return fail(FACTS_MANIFEST, `不是 ChurnWatch 事实数据包（${found}，应为 "${FACTS_CONTRACT}"）`, `not a ChurnWatch facts bundle (${foundEn}, expected "${FACTS_CONTRACT}")`);
  }
  const v = m.version;
  if (typeof v === 'number' && Number.isInteger(v) && v > FACTS_CONTRACT_VERSION) {
    return fail(FACTS_MANIFEST,
      `契约版本 ${v} 比本应用能读取的版本（${FACTS_CONTRACT_VERSION}）新：请升级 ChurnWatch，或用版本 ${FACTS_CONTRACT_VERSION} 的写出程序重新生成数据包`,
      `contract version ${v} is newer than this app reads (version ${FACTS_CONTRACT_VERSION}): update ChurnWatch, or write the bundle with a version ${FACTS_CONTRACT_VERSION} writer`);
  }
  if (v !== FACTS_CONTRACT_VERSION) {
    return fail(FACTS_MANIFEST, `未知的契约版本 ${JSON.stringify(v ?? null)}（本应用读取版本 ${FACTS_CONTRACT_VERSION}）`,
      `unknown contract version ${JSON.stringify(v ?? null)} (this app reads version ${FACTS_CONTRACT_VERSION})`);
  }
  if (typeof m.asOf !== 'string' || !ISO_DATE.test(m.asOf) || Number.isNaN(Date.parse(m.asOf))) {
    return fail(FACTS_MANIFEST, `截止日期 "asOf" 无效：${JSON.stringify(m.asOf ?? null)}（应为 YYYY-MM-DD）`, `invalid as-of date "asOf": ${JSON.stringify(m.asOf ?? null)} (expected YYYY-MM-DD)`);
  }
  const s = m.settings;
  if (!s || typeof s !== 'object' || !PERIODS.includes(s.period as string)) {
    return fail(FACTS_MANIFEST, `"settings.period" 无效：${JSON.stringify(s?.period ?? null)}（应为 week、month、quarter 或 year）`,
      `invalid "settings.period": ${JSON.stringify(s?.period ?? null)} (expected week, month, quarter or year)`);
  }
  const d = m.decisions;
  if (!d || typeof d !== 'object' || !RULES.includes(d.churnRule) || !PERIOD_BASES.includes(d.periodBasis ?? null) || !VALUE_BASES.includes(d.valueBasis ?? null)) {
    return fail(FACTS_MANIFEST, `"decisions" 无效：${JSON.stringify(d ?? null)}`, `invalid "decisions": ${JSON.stringify(d ?? null)}`);
  }
  if (!Array.isArray(m.files)) return fail(FACTS_MANIFEST, '没有 "files" 列表', 'has no "files" list');
  const omitted = Array.isArray(m.omitted) ? m.omitted : [];
  const seen = new Map<string, 'files' | 'omitted'>();
  for (const [where, table] of [...m.files.map((f) => ['files', f?.table] as const), ...omitted.map((o) => ['omitted', o?.table] as const)]) {
    if (typeof table !== 'string' || !contractTable(table)) {
      return fail(FACTS_MANIFEST, `列出了契约版本 ${FACTS_CONTRACT_VERSION} 中没有的表 ${JSON.stringify(table ?? null)}`,
        `lists a table that is not in contract version ${FACTS_CONTRACT_VERSION}: ${JSON.stringify(table ?? null)}`);
    }
    if (seen.has(table)) return fail(FACTS_MANIFEST, `表 ${table} 列出了不止一次`, `lists table ${table} more than once`);
    seen.set(table, where);
  }
  const unlisted = FACTS_TABLES.filter((t) => !seen.has(t.name)).map((t) => t.name);
  if (unlisted.length) {
    return fail(FACTS_MANIFEST, `没有列出表 ${unlisted.join(', ')}（每个契约表都应出现在 "files" 或 "omitted" 中）`,
      `does not list ${unlisted.join(', ')} (every contract table is in "files" or "omitted")`);
  }
  for (const t of REQUIRED_TABLES) {
    if (seen.get(t) === 'omitted') return fail(FACTS_MANIFEST, `省略了 ${t}：没有它大屏无法绘制`, `omits ${t}: the screen cannot be drawn without it`);
  }
  for (const f of m.files) {
    const t = contractTable(f.table)!;
    const name = typeof f.file === 'string' ? f.file : `${t.name}.parquet`;
    if (!Number.isInteger(f.rows) || f.rows < 0) return fail(name, `"rows" 无效：${JSON.stringify(f.rows ?? null)}`, `invalid "rows" in ${FACTS_MANIFEST}: ${JSON.stringify(f.rows ?? null)}`);
    if (f.file !== null && (typeof f.file !== 'string' || f.file.includes('/') || f.file.includes('\\') || f.file.startsWith('.'))) {
      return fail(FACTS_MANIFEST, `表 ${t.name} 的文件名无效：${JSON.stringify(f.file)}`, `invalid file name for ${t.name}: ${JSON.stringify(f.file)}`);
    }
    if (f.file === null && f.rows > 0) return fail(FACTS_MANIFEST, `表 ${t.name} 有 ${f.rows} 行却没有文件`, `table ${t.name} has ${f.rows} rows but no file`);
    if (!Array.isArray(f.key) || f.key.join(',') !== t.key.join(',')) {
      return fail(name, `${FACTS_MANIFEST} 中的键为 (${Array.isArray(f.key) ? f.key.join(', ') : '无'})，契约版本 ${FACTS_CONTRACT_VERSION} 为 (${t.key.join(', ')})`,
        `the key in ${FACTS_MANIFEST} is (${Array.isArray(f.key) ? f.key.join(', ') : 'none'}), contract version ${FACTS_CONTRACT_VERSION} says (${t.key.join(', ')})`);
    }
    const diff = columnDifference(t.columns, Array.isArray(f.columns) ? f.columns : []);
    if (diff) {
      return fail(name, `${FACTS_MANIFEST} 中的列与契约版本 ${FACTS_CONTRACT_VERSION} 不符：${diff.zh}`, `the columns ${FACTS_MANIFEST} lists differ from contract version ${FACTS_CONTRACT_VERSION}: ${diff.en}`);
    }
    if (f.file !== null && f.sha256 !== null && f.sha256 !== undefined && !/^[0-9a-f]{64}$/i.test(f.sha256)) {
      return fail(name, `${FACTS_MANIFEST} 中的 sha256 无效`, `invalid sha256 in ${FACTS_MANIFEST}`);
    }
  }
  const settings = { ...structuredClone(DEFAULT_SETTINGS), ...(s as Partial<AnalyticsSettings>), period: s.period as Period, asOf: m.asOf };
  return {
    manifest: { ...m, omitted },
    files: m.files.filter((f) => f.file !== null && f.rows > 0),
    settings,
    decisions: {
      churnRule: d.churnRule as ChurnRule, periodBasis: (d.periodBasis ?? null) as PeriodBasis, valueBasis: (d.valueBasis ?? null) as ValueBasis,
      aliveModel: d.aliveModel === 'paretoNbd' ? 'paretoNbd' : 'bgnbd',
    },
  };
}

/** How a contract column reads back from its Parquet file: BOOLEAN as INT8 (TINYINT), every other type as itself. */
export function fileColumns(t: ContractTable): BundleColumn[] {
  return t.columns.map((c) => {
    const encoding = encodingOf(c.type);
    return { name: c.name, type: encoding === 'int8' ? 'TINYINT' : c.type, encoding };
  });
}
