import type { QueryManager } from '../../engine/queryManager';
import { readPrepared, type ResolvedSettings } from '../prepare';
import { bgnbdFromMeta, gammaGammaFromMeta } from './storedModels';
import type { BgNbdFit } from './bgnbd';
import type { GammaGammaFit } from './gammaGamma';

/** The report's `models` block: the fits prepareAnalytics made (null when not fittable). */
export async function computeModels(qm: QueryManager, settings: ResolvedSettings): Promise<{ models: { bgnbd: BgNbdFit | null; gammaGamma: GammaGammaFit | null }; notes: string[] }> {
  void settings;
  const { meta } = await readPrepared(qm);
  const bgnbd = bgnbdFromMeta(meta);
  const gammaGamma = gammaGammaFromMeta(meta);
  const notes = bgnbd ? [] : ['BG/NBD needs customers with repeat purchases'];
  return { models: { bgnbd, gammaGamma }, notes };
}
