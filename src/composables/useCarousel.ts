import { onScopeDispose, ref, type Ref } from 'vue';
import { useInterval } from './useInterval';

const POSITION_KEY = 'churnwatch.carousel';
/** After a person touches the screen, the carousel waits this long before moving on. */
export const INTERACTION_PAUSE_MS = 60_000;

/**
 * Wall-mode carousel over `pages`, one every `dwellSeconds`. Pauses on any interaction
 * (pointer, key, wheel) for INTERACTION_PAUSE_MS; its position survives a reload (session
 * storage), so a wall that restarts resumes where it was. `show` is called to change page.
 */
export function useCarousel(
  pages: string[],
  dwellSeconds: number,
  show: (page: string) => void,
  clock: { now(): number } = Date,
): { paused: Ref<boolean>; index: Ref<number>; next(): void } {
  const saved = Number(sessionStorage.getItem(POSITION_KEY));
  const index = ref(Number.isInteger(saved) && saved >= 0 && saved < pages.length ? saved : 0);
  const paused = ref(false);
  let lastInteraction = -Infinity;
  let lastMove = clock.now();

  const onInteraction = () => {
    lastInteraction = clock.now();
    paused.value = true;
  };
  const events = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;
  for (const e of events) window.addEventListener(e, onInteraction, { passive: true });
  onScopeDispose(() => events.forEach((e) => window.removeEventListener(e, onInteraction)));

  function next(): void {
    if (pages.length === 0) return;
    index.value = (index.value + 1) % pages.length;
    sessionStorage.setItem(POSITION_KEY, String(index.value));
    lastMove = clock.now();
    show(pages[index.value]);
  }

  if (pages.length > 0) {
    show(pages[index.value]);
    // A one-second tick decides, so pause and dwell are both measured against one clock.
    useInterval(() => {
      const now = clock.now();
      if (now - lastInteraction < INTERACTION_PAUSE_MS) return;
      paused.value = false;
      if (now - lastMove >= dwellSeconds * 1000) next();
    }, 1000);
  }
  return { paused, index, next };
}
