import type { Connector } from '../../src/engine/connector';

/** A connector that adds the wall time of every call into the engine to a counter. */
export interface TimedConnector extends Connector {
  /** Milliseconds spent inside query/exec/insertArrowIPC/registerFile so far. */
  engineMs(): number;
  /** Statements run through query/exec so far. */
  statements(): number;
  /** The start of the last statement sent (to tell where an engine failed). */
  lastStatement(): string;
}

/**
 * Wraps a connector to split analytics time into engine time (SQL, inserts) and the rest
 * (JavaScript: model fitting, assembling results), so a WASM/native ratio can be read per step.
 */
export function timedConnector(inner: Connector): TimedConnector {
  let ms = 0;
  let count = 0;
  let last = '';
  const note = (sql: string): void => {
    count++;
    last = sql.replace(/\s+/g, ' ').trim().slice(0, 100);
  };
  const time = async <T>(run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      ms += performance.now() - t0;
    }
  };
  return {
    bundle: inner.bundle,
    query: (sql) => { note(sql); return time(() => inner.query(sql)); },
    exec: (sql) => { note(sql); return time(() => inner.exec(sql)); },
    insertArrowIPC: (table, ipc, create) => time(() => inner.insertArrowIPC(table, ipc, create)),
    registerFile: (name, bytes) => time(() => inner.registerFile(name, bytes)),
    dropFile: (name) => inner.dropFile(name),
    connect: () => inner.connect(),
    flush: () => inner.flush(),
    cancel: () => inner.cancel(),
    close: () => inner.close(),
    engineMs: () => ms,
    statements: () => count,
    lastStatement: () => last,
  };
}
