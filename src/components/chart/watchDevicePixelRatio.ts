/**
 * Calls `onChange(dpr)` when window.devicePixelRatio changes (browser zoom, window moved to a 4K
 * wall): a `(resolution: Xdppx)` media query only reports leaving X, so it is re-armed each time.
 * Returns the stop function.
 */
export function watchDevicePixelRatio(onChange: (dpr: number) => void): () => void {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => {};
  let query: MediaQueryList | null = null;
  const listener = () => {
    arm();
    onChange(window.devicePixelRatio);
  };
  const arm = () => {
    query?.removeEventListener('change', listener);
    query = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    query.addEventListener('change', listener);
  };
  arm();
  return () => {
    query?.removeEventListener('change', listener);
    query = null;
  };
}
