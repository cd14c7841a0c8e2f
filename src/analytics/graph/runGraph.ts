import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import type { AnalyticsSettings } from '../settings';
import type { ResolvedSettings } from '../prepare';
import { tableExists } from '../common/meta';
import { SCREEN_STEPS, type StepId, type StepInput, type StepResults } from './steps';
import { trackSettings } from './trackSettings';
import { parseResult, stringifyResult } from './json';
import type { ProvidedFacts } from './provided';
import { BUNDLE_STEPS } from './bundleSteps';
import { StepRows, STEPS_TABLE, type StoredStep } from './stepRows';

export { STEPS_TABLE } from './stepRows';

/** What makes a memoised build's steps comparable with the last one. */
export interface GraphMemo {
  /** The analytics code (stored steps of other code never count). */
  codeVersion: string;
  /** The rows (a workspace's generation): the root of every step's inputs. */
  dataVersion: string;
  /**
   * Where the steps are remembered when not in STEPS_TABLE: a map that lives as long as its
   * caller (the CLI's report, which builds twice in one run and stores nothing in the database).
   */
  steps?: Map<string, StoredStep>;
}

/** How runGraph went. */
export interface GraphRun {
  results: Partial<StepResults>;
  /** Steps that ran (the others were current and handed back their stored result). */
  ran: StepId[];
}

/** A 53-bit string hash (cyrb53), as hex: fingerprints, not security. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

export type { StoredStep } from './stepRows';

async function readStored(qm: QueryManager): Promise<Map<string, StoredStep>> {
  if (!(await tableExists(qm, STEPS_TABLE))) return new Map();
  const rows = toRows<{ step: string; fingerprint: string; used: string; result: string }>(
    await qm.query(`SELECT step, fingerprint, used, result FROM ${STEPS_TABLE}`, { cache: false }));
  return new Map(rows.map((r) => [r.step, { fingerprint: r.fingerprint, used: JSON.parse(r.used) as string[], result: r.result }]));
}

/**
 * Runs the steps `ids` (in graph order) of the screen's build. Without `memo` every step runs.
 * With it, a step runs only when its fingerprint changed: the analytics code, the rows, today's
 * date (for the root step: a dateless snapshot's as-of date is today), the value of every
 * setting it read when it last ran, and the outputs of the steps it depends on. A step's output
 * is its result when it writes no table (so an as-of step rerun to the same date changes nothing
 * downstream), else its fingerprint. A step's row is removed before it runs and written after,
 * so a build cut short reruns the step it was in (stepRows.ts: one DELETE and one INSERT per
 * call, not two writes per step).
 */
export async function runGraph(
  qm: QueryManager,
  raw: AnalyticsSettings,
  ids: readonly StepId[],
  options: {
    today?: string; memo?: GraphMemo; onStep?: (id: StepId) => void;
    /** Tables computed elsewhere (a facts bundle): each step runs as BUNDLE_STEPS says instead. */
    provided?: ProvidedFacts | null;
  } = {},
): Promise<GraphRun> {
  const provided = options.provided ?? null;
  const mode = provided ? `bundle=${hash(JSON.stringify(provided))}` : '';
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const memo = options.memo;
  const inTable = memo !== undefined && memo.steps === undefined;
  if (inTable) await qm.exec(`CREATE TABLE IF NOT EXISTS ${STEPS_TABLE} (step VARCHAR PRIMARY KEY, fingerprint VARCHAR, used VARCHAR, result VARCHAR)`);
  const stored = memo?.steps ?? (inTable ? await readStored(qm) : new Map<string, StoredStep>());
  // The table's rows as they were when this call began (the in-memory memo is updated as steps run).
  const rows = inTable ? new StepRows(qm, ids, new Map(stored)) : null;
  const results: Partial<StepResults> = {};
  const outputs = new Map<StepId, string>();
  const ran: StepId[] = [];
  let resolved: ResolvedSettings | null = null;

  try {
    for (const step of SCREEN_STEPS.filter((st) => ids.includes(st.id))) {
      const base = (used: Iterable<string>, settings: object): string => {
        const values = [...used].sort().map((k) => `${k}=${JSON.stringify((settings as Record<string, unknown>)[k] ?? null)}`);
        // Every step reads rows, directly or through the steps it reads, so the rows' version is in
        // every fingerprint: a dateless file reloaded with another mapping keeps the as-of date
        // (today) but must still rebuild the facts.
        const root = step.deps.length === 0 ? `today=${today}` : '';
        const deps = step.liveDeps ? step.liveDeps(get) : step.deps;
        return hash([step.id, memo?.codeVersion ?? '', `data=${memo?.dataVersion ?? ''}`, mode, root, ...deps.map((d) => `${d}:${outputs.get(d) ?? '?'}`), ...values].join('\n'));
      };
      const get: StepInput['get'] = (id) => {
        if (!(id in results)) throw new Error(`step ${step.id} read ${id}, which has not run`);
        return results[id]!;
      };
      const settingsOf = (): object => (step.id === 'asOf' ? raw : resolved!);
      const previous = stored.get(step.id);
      let resultJson: string;
      let fingerprint: string;
      if (previous && previous.fingerprint === base(previous.used, settingsOf())) {
        fingerprint = previous.fingerprint;
        resultJson = previous.result;
        (results as Record<string, unknown>)[step.id] = parseResult(resultJson);
        rows?.current(step.id);
      } else {
        await rows?.beforeRun(step.id);
        stored.delete(step.id);
        const rawView = trackSettings(raw);
        const resolvedView = trackSettings(resolved ?? ({} as ResolvedSettings));
        const input: StepInput = { qm, raw: rawView.view, s: resolvedView.view, today, get };
        options.onStep?.(step.id);
        const onBundle = provided ? (BUNDLE_STEPS[step.id] as 'run' | ((i: StepInput, p: ProvidedFacts) => Promise<unknown>)) : 'run';
        const result = onBundle === 'run' ? await step.run(input) : await onBundle(input, provided!);
        (results as Record<string, unknown>)[step.id] = result;
        resultJson = stringifyResult(result);
        const used = step.id === 'asOf' ? rawView.used : resolvedView.used;
        fingerprint = base(used, settingsOf());
        ran.push(step.id);
        if (memo) stored.set(step.id, { fingerprint, used: [...used], result: resultJson });
        rows?.ran(step.id, { fingerprint, used: [...used], result: resultJson });
      }
      outputs.set(step.id, step.writes.length ? fingerprint : hash(resultJson));
      if (step.id === 'asOf') resolved = { ...raw, asOf: (results.asOf as StepResults['asOf']).asOf };
    }
  } catch (e) {
    // The steps that finished are recorded even when a later one failed (their tables are whole);
    // a dead engine cannot take the rows, and the step's own error is the one to report.
    await rows?.flush().catch(() => undefined);
    throw e;
  }
  await rows?.flush();
  return { results, ran };
}
