import type { Table } from 'apache-arrow';
import type { Connector } from './connector';
import { StatementLog } from './statementLog';

/** Raised when a queued or running query is cancelled through its AbortSignal. */
export class QueryCancelledError extends Error {
  constructor() {
    super('Query cancelled');
    this.name = 'QueryCancelledError';
  }
}

interface Pending {
  sql: string;
  priority: number;
  resolve(t: Table): void;
  reject(e: unknown): void;
  signal?: AbortSignal;
}

/**
 * The single query path of the app (after mosaic's QueryManager): one queue in priority order
 * (DuckDB-WASM serves one statement at a time per connection), a cache keyed by SQL text that
 * is dropped whenever data changes, and cancellation through AbortSignal.
 */
export class QueryManager {
  private queue: Pending[] = [];
  private running: Pending | null = null;
  private cache = new Map<string, Promise<Table>>();
  private readonly maxCacheEntries: number;
  /** Times of the last statements and exclusive tasks, for profiling. */
  readonly statements = new StatementLog();
  /**
   * The schema this connection's unqualified names resolve to (set by whoever runs `USE`): SQL
   * that must name a table past a CTE shadowing it qualifies it with this.
   */
  schema = 'main';

  constructor(readonly connector: Connector, options: { maxCacheEntries?: number } = {}) {
    this.maxCacheEntries = options.maxCacheEntries ?? 500;
  }

  /** A read query: served from cache when the same SQL ran since the last data change. */
  query(sql: string, options: { priority?: number; signal?: AbortSignal; cache?: boolean } = {}): Promise<Table> {
    const useCache = options.cache !== false;
    if (useCache) {
      const hit = this.cache.get(sql);
      if (hit) {
        // Refresh LRU position.
        this.cache.delete(sql);
        this.cache.set(sql, hit);
        return hit;
      }
    }
    const p = this.enqueue(sql, options.priority ?? 0, options.signal);
    if (useCache) {
      this.cache.set(sql, p);
      p.catch(() => this.cache.delete(sql));
      if (this.cache.size > this.maxCacheEntries) this.cache.delete(this.cache.keys().next().value as string);
    }
    return p;
  }

  /** A statement that changes data: runs in order, then clears the cache. */
  async exec(sql: string): Promise<void> {
    await this.enqueue(sql, 1, undefined);
    this.invalidate();
  }

  /** Runs `fn` with exclusive use of the connector (no query interleaves), then clears the cache. */
  async exclusive<T>(fn: (c: Connector) => Promise<T>): Promise<T> {
    let result!: T;
    await this.enqueueTask(async () => {
      result = await fn(this.connector);
    }, 1);
    this.invalidate();
    return result;
  }

  /** Forgets cached results (call after any data change). */
  invalidate(): void {
    this.cache.clear();
  }

  private enqueue(sql: string, priority: number, signal: AbortSignal | undefined): Promise<Table> {
    if (signal?.aborted) return Promise.reject(new QueryCancelledError());
    return new Promise<Table>((resolve, reject) => {
      const item: Pending = { sql, priority, resolve, reject, signal };
      signal?.addEventListener('abort', () => this.abort(item), { once: true });
      this.insert(item);
      void this.pump();
    });
  }

  private enqueueTask(task: () => Promise<void>, priority: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const item: Pending = {
        sql: '',
        priority,
        resolve: () => resolve(),
        reject,
      };
      (item as Pending & { task: () => Promise<void> }).task = task;
      this.insert(item);
      void this.pump();
    });
  }

  private insert(item: Pending): void {
    // Stable insertion: higher priority first, FIFO within a priority.
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1].priority < item.priority) i--;
    this.queue.splice(i, 0, item);
  }

  private abort(item: Pending): void {
    const idx = this.queue.indexOf(item);
    if (idx >= 0) {
      this.queue.splice(idx, 1);
      item.reject(new QueryCancelledError());
    } else if (this.running === item) {
      void this.connector.cancel();
    }
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    const next = this.queue.shift();
    if (!next) return;
    this.running = next;
    const started = performance.now();
    try {
      const task = (next as Pending & { task?: () => Promise<void> }).task;
      if (task) {
        await task();
        next.resolve(undefined as unknown as Table);
      } else {
        const table = await this.connector.query(next.sql);
        if (next.signal?.aborted) next.reject(new QueryCancelledError());
        else next.resolve(table);
      }
    } catch (e) {
      next.reject(next.signal?.aborted ? new QueryCancelledError() : e);
    } finally {
      this.statements.record(next.sql || '(exclusive task)', performance.now() - started);
      this.running = null;
      void this.pump();
    }
  }
}
