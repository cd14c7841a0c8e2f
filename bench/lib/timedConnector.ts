import type { Connector } from '../../src/engine/connector';

/** A connector that adds the wall time of every call into the engine to a counter. */
export interface TimedConnector extends Connector {
  /** Milliseconds spent inside query/exec/insertArrowIPC/registerFile so far. */
  engineMs(): number;
  /** Statements run through query/exec so far. */
  statements(): number;
}

/**
 * Wraps a connector to split analytics time into engine time (SQL, inserts) and the rest
 * (JavaScript: model fitting, assembling results), so a WASM/native ratio can be read per step.
 */
export function timedConnector(inner: Connector): TimedConnector {
  let ms = 0;
  let count = 0;
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
    query: (sql) => { count++; return time(() => inner.query(sql)); },
    exec: (sql) => { count++; return time(() => inner.exec(sql)); },
    insertArrowIPC: (table, ipc, create) => time(() => inner.insertArrowIPC(table, ipc, create)),
    registerFile: (name, bytes) => time(() => inner.registerFile(name, bytes)),
    dropFile: (name) => inner.dropFile(name),
    cancel: () => inner.cancel(),
    close: () => inner.close(),
    engineMs: () => ms,
    statements: () => count,
  };
}
