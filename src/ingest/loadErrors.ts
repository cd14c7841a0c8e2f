import { ENGINE_MEMORY_MB } from './limits';
import { say } from './messages';
import { NotATableError } from './types';

/** Engine and runtime wordings of running out of memory (DuckDB, V8 strings and buffers, Node's heap). */
const OUT_OF_MEMORY = /out of memory|failed to allocate|could not allocate|allocation failed|invalid string length|invalid array length|string longer than|heap out of memory/i;

/** Whether an engine or runtime error is running out of memory. */
export function isOutOfMemory(e: unknown): boolean {
  return OUT_OF_MEMORY.test(e instanceof Error ? e.message : String(e));
}

/**
 * The message for an error that stopped a file's load: the loader's own (NotATableError) as is;
 * an engine or runtime error translated into what happened and what to do, never its raw text
 * (which talks about temp directories and block sizes a browser user cannot act on).
 */
export function describeLoadError(file: string, e: unknown): string {
  if (e instanceof NotATableError) return e.message;
  const raw = e instanceof Error ? e.message : String(e);
  if (isOutOfMemory(raw)) return `${file}: ${say('outOfMemory', { max: ENGINE_MEMORY_MB })}`;
  return `${file}: ${say('unexpectedError')}`;
}
