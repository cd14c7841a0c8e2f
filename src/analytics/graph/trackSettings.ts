/**
 * A view of a settings object that records which top-level keys were read through it. A step's
 * result depends exactly on the settings it read, so recording them (instead of declaring them
 * by hand) cannot miss one: a step that reads `churnDays` is rerun when churnDays changes, and
 * one that never reads it is not.
 */
export function trackSettings<S extends object>(settings: S): { view: S; used: Set<string> } {
  const used = new Set<string>();
  const view = new Proxy(settings, {
    get(target, key, receiver) {
      if (typeof key === 'string') used.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      if (typeof key === 'string') used.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      // Spreading or copying the whole object reads every key.
      for (const k of Reflect.ownKeys(target)) if (typeof k === 'string') used.add(k);
      return Reflect.ownKeys(target);
    },
  });
  return { view, used };
}
