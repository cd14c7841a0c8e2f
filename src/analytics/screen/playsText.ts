import { playFor, type ValuePlay } from '../rfm/plays';
import { VALUE_TIERS, type ValueTier } from '../rfm/valueTiers';
import type { ScreenLang } from './lang';

/** English words of the default plays (metrics.md section 5); edited plays show as typed. */
export const PLAY_EN: Record<string, string> = {
  专属权益: 'exclusive benefits',
  定期回访: 'regular check-in calls',
  专属客户经理一对一关怀: 'one-to-one care by a dedicated account manager',
  定制化服务: 'tailored service',
  产品教育: 'product education',
  功能引导: 'feature guidance',
  使用建议推送: 'usage tips',
  新手礼包: 'welcome pack',
  入门培训: 'onboarding training',
  快速上手支持: 'quick-start support',
  首单后30天回访: 'follow-up call 30 days after the first order',
  自动化内容推送: 'automated content',
  周期性唤醒: 'periodic re-engagement',
  定向优惠: 'targeted offers',
};

/**
 * The recommended play for a customer in words: the value tier's healthy play for green, its
 * at-risk play for amber, red, or a customer already churned (win-back); null without a value
 * tier or a risk tier.
 */
export function recommendedAction(valueTier: string | null, riskTier: string | null, churned: boolean, lang: ScreenLang,
  plays?: readonly ValuePlay[]): string | null {
  if (!valueTier || !(VALUE_TIERS as readonly string[]).includes(valueTier)) return null;
  const risk = churned ? 'red' : riskTier === 'red' || riskTier === 'amber' || riskTier === 'green' ? riskTier : null;
  if (!risk) return null;
  const steps = playFor(valueTier as ValueTier, risk, plays);
  if (steps.length === 0) return null;
  return lang === 'en' ? steps.map((s) => PLAY_EN[s] ?? s).join('; ') : steps.join('、');
}
