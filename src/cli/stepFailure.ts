import { isOutOfMemory } from '../ingest/loadErrors';
import type { EngineInfo } from './startEngine';

/** An engine error that stopped the run, with the step it stopped in ("loading x.csv", "analytics: churn"). */
export class StepFailure extends Error {
  constructor(readonly step: string, override readonly cause: unknown) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StepFailure';
  }
}

/** Runs `work` as step `step`: an error it throws becomes a StepFailure naming the step. */
export async function inStep<T>(step: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw e instanceof StepFailure ? e : new StepFailure(step, e);
  }
}

/**
 * DuckDB's reason in one line: its first line without the error class ("Out of Memory Error: "),
 * leaving out the "Possible solutions" advice written for DuckDB's own shell.
 */
function engineReason(e: unknown): string {
  const first = (e instanceof Error ? e.message : String(e)).split('\n')[0].trim();
  return first.replace(/^[A-Za-z ]*Error:\s*/, '');
}

/** What the user reads when a step fails: what happened, in which step, DuckDB's reason, what to do. */
export function describeStepFailure(f: StepFailure, engine: EngineInfo): string {
  const reason = engineReason(f.cause);
  if (!isOutOfMemory(f.cause)) return `step "${f.step}" failed: ${reason}`;
  const advice = engine.name === 'native'
    ? 'Raise --memory-limit, or point --spill-dir at a disk with more room.'
    : 'Run with --engine native, which can use all of the machine\'s memory and spill to disk.';
  return `the ${engine.name} engine ran out of memory (memory limit ${engine.memoryLimit}) in step "${f.step}"; DuckDB says: ${reason}. ${advice}`;
}
