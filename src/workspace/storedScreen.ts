import type { ScreenContext } from '../analytics/screen/prepareScreen';
import type { PanelId } from '../analytics/screen/panels';
import type { KeyValueStore } from './storage/keyValue';

export type { PanelId } from '../analytics/screen/panels';

/** The unfiltered result of each panel, for one language. */
export type PanelResults = Partial<Record<PanelId, unknown>>;

/**
 * The last drawn screen of a workspace: its prepared context and every panel's unfiltered result,
 * per language. A reopen draws it before the engine has even started, then checks its build key
 * against the data and redraws only what changed. `codeVersion` ties it to the app build that
 * computed it: a build with other analytics code never shows it (its figures may differ).
 */
export interface StoredScreen {
  codeVersion: string;
  /** The build it shows (see buildKey). */
  buildKey: string;
  ctx: ScreenContext;
  panels: Partial<Record<string, PanelResults>>;
}

/** The analytics code this app build runs; stored screens and derived tables of any other are rebuilt. */
export const CODE_VERSION: string = typeof __CW_CODE_VERSION__ === 'string' ? __CW_CODE_VERSION__ : 'dev';

const KEY_PREFIX = 'screen:';

/** The stored screen of a workspace, or null when there is none or another app build stored it. */
export async function readStoredScreen(kv: KeyValueStore, workspace: string): Promise<StoredScreen | null> {
  const stored = await kv.getValue<StoredScreen>(KEY_PREFIX + workspace).catch(() => null);
  return stored && stored.codeVersion === CODE_VERSION && stored.ctx ? stored : null;
}

/** Keeps the screen just drawn for the next open. */
export async function writeStoredScreen(kv: KeyValueStore, workspace: string, screen: StoredScreen): Promise<void> {
  await kv.setValue(KEY_PREFIX + workspace, JSON.parse(JSON.stringify(screen)));
}

/** Forgets a workspace's stored screen (deleted, or its data replaced). */
export async function forgetStoredScreen(kv: KeyValueStore, workspace: string): Promise<void> {
  await kv.deleteValue(KEY_PREFIX + workspace);
}
