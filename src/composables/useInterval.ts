import { onScopeDispose } from 'vue';

/**
 * A repeating timer owned by the calling component or effect scope: cleared when the scope is
 * disposed, so a wall running for weeks never accumulates timers. Returns a stop function.
 */
export function useInterval(fn: () => void, ms: number): () => void {
  const id = setInterval(fn, ms);
  const stop = () => clearInterval(id);
  onScopeDispose(stop);
  return stop;
}

/** A one-shot timer owned by the calling scope; `restart` re-arms it. */
export function useTimeout(fn: () => void, ms: number): { restart(): void; cancel(): void } {
  let id: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (id !== null) clearTimeout(id);
    id = null;
  };
  onScopeDispose(cancel);
  return {
    restart() {
      cancel();
      id = setTimeout(() => {
        id = null;
        fn();
      }, ms);
    },
    cancel,
  };
}
