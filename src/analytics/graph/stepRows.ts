import type { QueryManager } from '../../engine/queryManager';
import { lit } from '../../engine/sql';
import { SCREEN_STEPS, type StepId } from './steps';

/** Where the steps of the last builds are remembered: fingerprint, settings read, result. */
export const STEPS_TABLE = 'cw_steps';

/** A step's row in cw_steps. */
export interface StoredStep { fingerprint: string; used: string[]; result: string }

/**
 * The cw_steps bookkeeping of one runGraph call, in two writes instead of two per step: each
 * statement against the workspace database is a commit written through to OPFS (10-70 ms each in
 * Chromium), and a churn-window change reruns about ten steps before the KPIs.
 *
 * The rule it keeps: a step's row is gone before its tables change, and written only once the step
 * has finished, so a build cut short reruns what it was in (were the row kept, settings changed back
 * would find it current over half-rebuilt tables). Before the first step that must run, one DELETE
 * removes that step's row and the rows of every step of this call that reads it, directly or not
 * (they rerun too, unless their inputs turn out unchanged). The flush writes the steps that ran and
 * puts back the rows of those deleted ahead that did not need to run.
 */
export class StepRows {
  private readonly deleted = new Set<StepId>();
  private readonly pending = new Map<StepId, StoredStep>();

  constructor(
    private readonly qm: QueryManager,
    private readonly ids: readonly StepId[],
    private readonly stored: ReadonlyMap<string, StoredStep>,
  ) {}

  /** Called before `id` runs: its row, and those of the steps of this call downstream of it, are deleted. */
  async beforeRun(id: StepId): Promise<void> {
    if (this.deleted.has(id)) return;
    const doomed = downstreamOf(id).filter((s) => this.ids.includes(s) && !this.deleted.has(s));
    for (const s of doomed) this.deleted.add(s);
    const present = doomed.filter((s) => this.stored.has(s));
    if (present.length) await this.qm.exec(`DELETE FROM ${STEPS_TABLE} WHERE step IN (${present.map(lit).join(', ')})`);
  }

  /** `id` finished: its row is written at the flush. */
  ran(id: StepId, row: StoredStep): void {
    this.pending.set(id, row);
  }

  /** Writes the rows of the steps that ran, and restores the deleted rows of steps that did not. */
  async flush(): Promise<void> {
    const rows = new Map(this.pending);
    for (const id of this.deleted) {
      const kept = this.stored.get(id);
      if (!rows.has(id) && kept && this.kept.has(id)) rows.set(id, kept);
    }
    this.pending.clear();
    this.deleted.clear();
    if (!rows.size) return;
    const values = [...rows].map(([id, r]) => `(${lit(id)}, ${lit(r.fingerprint)}, ${lit(JSON.stringify(r.used))}, ${lit(r.result)})`);
    await this.qm.exec(`INSERT INTO ${STEPS_TABLE} VALUES ${values.join(', ')}`);
  }

  /** Steps whose stored row was found current (their fingerprint matched): only these are put back. */
  private readonly kept = new Set<StepId>();

  /** `id` did not need to run: its stored row stays true. */
  current(id: StepId): void {
    this.kept.add(id);
  }
}

/** `id` and every step that reads it, directly or through others (the graph's static deps, a superset of the live ones). */
function downstreamOf(id: StepId): StepId[] {
  const out: StepId[] = [id];
  for (const step of SCREEN_STEPS) {
    if (step.deps.some((d) => out.includes(d)) && !out.includes(step.id)) out.push(step.id);
  }
  return out;
}
