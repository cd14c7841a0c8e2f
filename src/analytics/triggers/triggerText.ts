import type { Lang } from '../risk/computed';
import { fmtNum } from '../risk/format';
import type { TriggerItem } from './kinds';

const TIER_ZH: Record<string, string> = { red: '高风险', amber: '中风险', green: '低风险' };

/**
 * A trigger's reason in words. Parameters by kind: first-purchase-30d {firstOrder, days};
 * renewal-at-risk {event: renewal|end, days, tier, score}; open-complaint-7d {count, openedAt,
 * days}; unanswered-48h {count, hours}.
 */
export function formatTrigger(t: Pick<TriggerItem, 'kind' | 'due_date' | 'reason'>, lang: Lang): string {
  const p = t.reason.params;
  const num = (k: string) => Number(p[k]);
  switch (t.kind) {
    case 'first-purchase-30d':
      return lang === 'zh'
        ? `首单（${p.firstOrder}）后${num('days')}天未复购`
        : `first order on ${p.firstOrder}, no second order after ${num('days')} days`;
    case 'renewal-at-risk': {
      const days = num('days');
      const tier = String(p.tier);
      const score = p.score === null ? '' : fmtNum(num('score'), 1);
      if (lang === 'zh') {
        const when = days === 0 ? '今天' : `${days}天后`;
        const what = p.event === 'end' ? `合同${when}到期` : `${when}续约`;
        return `${what}（${t.due_date}），当前${TIER_ZH[tier] ?? tier}${score ? `（${score}分）` : ''}`;
      }
      const when = days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
      const what = p.event === 'end' ? `contract ends ${when}` : `renewal ${when}`;
      return `${what} (${t.due_date}) while ${tier}${score ? ` (score ${score})` : ''}`;
    }
    case 'open-complaint-7d': {
      const count = num('count');
      const days = num('days');
      if (lang === 'zh') return count > 1 ? `${count}条投诉未解决，最早${days}天前` : `投诉${days}天未解决`;
      return count > 1
        ? `${count} complaints unresolved, oldest ${days} day${days === 1 ? '' : 's'} ago`
        : `complaint unresolved for ${days} day${days === 1 ? '' : 's'}`;
    }
    case 'unanswered-48h': {
      const count = num('count');
      const hours = num('hours');
      if (lang === 'zh') return count > 1 ? `${count}张售后工单未响应，最长${hours}小时` : `售后工单${hours}小时未响应`;
      return count > 1
        ? `${count} after-sales tickets unanswered, the oldest for ${hours} h`
        : `after-sales ticket unanswered for ${hours} h`;
    }
    default:
      return String(t.kind);
  }
}
