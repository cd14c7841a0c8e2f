import { stat } from 'node:fs/promises';
import type { QueryManager } from '../engine/queryManager';
import { toRows } from '../engine/rows';
import { createNodeEngine } from '../workspace/nodeHost';
import { UsageError, type AnalyzeArgs } from './args';

/** The engine a run used, as the report prints it. */
export interface EngineInfo {
  name: 'wasm' | 'native';
  threads: number;
  /** DuckDB's memory_limit as it reads it back (`7.4 GiB`). */
  memoryLimit: string;
}

/** A started engine and how to stop it (removing its temp and spill directories). */
export interface StartedEngine {
  qm: QueryManager;
  info: EngineInfo;
  close(): Promise<void>;
}

/** Refuses a --spill-dir that is not an existing directory, before any engine starts. */
async function checkSpillDir(dir: string): Promise<void> {
  const s = await stat(dir).catch(() => null);
  if (!s?.isDirectory()) throw new UsageError(`--spill-dir ${dir}: no such directory`);
}

/**
 * Starts the engine `--engine` names. Native DuckDB is imported only here, on demand: a WASM run
 * never loads its binary, and the package stays out of every path the browser app imports.
 */
export async function startEngine(args: AnalyzeArgs): Promise<StartedEngine> {
  let qm: QueryManager;
  if (args.engine === 'native') {
    const { threads, memoryLimit, spillDir } = args.native;
    if (spillDir !== null) await checkSpillDir(spillDir);
    const { createNativeEngine } = await import('../workspace/nativeHost');
    qm = await createNativeEngine({ threads: threads ?? undefined, memoryLimit: memoryLimit ?? undefined, spillParent: spillDir ?? undefined });
  } else {
    qm = await createNodeEngine();
  }
  const [row] = toRows<{ threads: number; memory_limit: string }>(
    await qm.query(`SELECT current_setting('threads')::INTEGER AS threads, current_setting('memory_limit') AS memory_limit`, { cache: false }),
  );
  return {
    qm,
    info: { name: args.engine, threads: Number(row.threads), memoryLimit: String(row.memory_limit) },
    close: () => qm.connector.close(),
  };
}
