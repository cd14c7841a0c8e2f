import type { QueryManager } from '../../engine/queryManager';
import { readPrepared, type ResolvedSettings } from '../prepare';
import { bgnbdFromMeta, gammaGammaFromMeta } from './storedModels';
import { fitParetoNbdFromFacts } from './fitFromData';
import type { BgNbdFit } from './bgnbd';
import type { GammaGammaFit } from './gammaGamma';
import type { ParetoNbdFit } from './paretoNbd';

/** The report's `models` block. */
export interface ModelsBlock {
  bgnbd: BgNbdFit | null;
  paretoNbd: ParetoNbdFit | null;
  gammaGamma: GammaGammaFit | null;
}

/**
 * The report's `models` block: the fits prepareAnalytics made (null when not fittable), and
 * Pareto/NBD fitted here on the same histories. Pareto/NBD is fitted only when BG/NBD was (the
 * same minimum of repeat buyers), and only for the report: no screen figure reads it yet.
 */
export async function computeModels(qm: QueryManager, settings: ResolvedSettings): Promise<{ models: ModelsBlock; notes: string[] }> {
  void settings;
  const { meta } = await readPrepared(qm);
  const bgnbd = bgnbdFromMeta(meta);
  const gammaGamma = gammaGammaFromMeta(meta);
  const paretoNbd = bgnbd ? await fitParetoNbdFromFacts(qm) : null;
  const notes = bgnbd ? [] : ['BG/NBD and Pareto/NBD need customers with repeat purchases'];
  if (paretoNbd && !paretoNbd.converged) notes.push('the Pareto/NBD fit did not fully converge');
  return { models: { bgnbd, paretoNbd, gammaGamma }, notes };
}
