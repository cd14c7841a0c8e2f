import type { Bilingual, Lang } from '../risk/computed';
import { fmtNum, fmtPct } from '../risk/format';
import type { Finding } from './checks';
import { dimensionName, dimensionValueName } from '../common/dimensionNames';

const SIGNAL_NAMES: Record<string, Bilingual> = {
  recency: { zh: '购买间隔', en: 'recency vs cadence' },
  frequencyTrend: { zh: '购买频次趋势', en: 'frequency trend' },
  monetaryTrend: { zh: '消费金额趋势', en: 'spend trend' },
  complaints: { zh: '投诉次数', en: 'complaints' },
  serviceFailures: { zh: '服务失误', en: 'service failures' },
  nps: { zh: 'NPS/满意度', en: 'NPS / satisfaction' },
  usageTrend: { zh: '使用深度趋势', en: 'usage depth trend' },
  monthly_value: { zh: '月消费', en: 'monthly charges' },
};

const TIER_NAMES: Record<string, string> = { 高价值: 'high value', 成长期: 'growing', 新客户: 'new', 低价值: 'low value' };

const NA: Record<Finding['check'], Bilingual> = {
  'structural-hidden': { zh: '结构性流失：缺少细分数据，无法判断', en: 'Structural churn: no segment figures to check' },
  'silent-as-lost': { zh: '沉默与流失：需要购买记录和存活概率P(alive)', en: 'Silent vs lost: needs purchase history and P(alive)' },
  'service-before-churn': { zh: '流失前服务：需要投诉工单和客户状态', en: 'Service before churn: needs complaint tickets and customer status' },
  'one-size-fits-all': { zh: '分层策略：需要价值分层和客户状态', en: 'One play for all: needs value tiers and customer status' },
  'single-signal': { zh: '单一信号预警：需要流失标签才能比较AUC', en: 'Single-signal warning: needs a churn label to compare AUCs' },
  'backtest-churned': { zh: '回测：需要回测期前后的带日期数据', en: 'Back-test: needs dated rows before and after the back-test date' },
};

/** The back-tested definitions by name, both languages. */
export const BACKTEST_DEFINITION_NAMES: Record<string, Bilingual> = {
  rule: { zh: '规则窗口 W1/W2', en: 'rule windows W1/W2' },
  bgnbd: { zh: 'BG/NBD 存活概率', en: 'BG/NBD P(alive)' },
  paretoNbd: { zh: 'Pareto/NBD 存活概率', en: 'Pareto/NBD P(alive)' },
  contractual: { zh: '合同口径', en: 'contract rule' },
};

const auc = (x: unknown) => Number(x).toFixed(2);

/** A finding as one line of text in the given language. */
export function formatFinding(f: Finding, lang: Lang): string {
  if (f.status === 'na') return NA[f.check][lang];
  const p = f.params;
  const zh = lang === 'zh';
  switch (f.check) {
    case 'structural-hidden': {
      const dim = dimensionName(String(p.dimension), lang);
      const value = dimensionValueName(String(p.dimension), String(p.value), lang);
      const seg = `${dim}=${value}`;
      const [overall, rate, lift] = [fmtPct(Number(p.overall)), fmtPct(Number(p.rate)), fmtNum(Number(p.lift), 2)];
      if (f.status === 'flag') {
        return zh
          ? `整体流失率${overall}看似正常，但${seg}的流失率为${rate}（${lift}倍）`
          : `Overall churn ${overall} looks normal, but ${dim} = ${value} churns at ${rate} (${lift}x)`;
      }
      return zh
        ? `没有细分群体的流失率超过整体（${overall}）的1.5倍；最高为${seg}（${rate}）`
        : `No segment churns above 1.5x the overall rate (${overall}); highest: ${dim} = ${value} at ${rate}`;
    }
    case 'silent-as-lost': {
      const [n, alive, share] = [fmtNum(Number(p.ruleChurned), 0), fmtNum(Number(p.stillAlive), 0), fmtPct(Number(p.share))];
      const only = f.status === 'ok';
      const rule = p.churnDays === null ? (zh ? '状态规则' : 'the status rule') : zh ? `${p.churnDays}天规则` : `the ${p.churnDays}-day rule`;
      return zh
        ? `按${rule}判为流失的${n}位客户中，${only ? '仅' : ''}${alive}位（${share}）仍可能存活（P(alive)≥${p.threshold}）`
        : `${only ? 'Only ' : ''}${alive} of ${n} customers counted as churned by ${rule} (${share}) are still likely alive (P(alive) >= ${p.threshold})`;
    }
    case 'service-before-churn': {
      const [c, r] = [fmtPct(Number(p.churnedShare)), fmtPct(Number(p.retainedShare))];
      const lift = p.lift === null ? '' : zh ? `（${fmtNum(Number(p.lift), 1)}倍）` : ` (${fmtNum(Number(p.lift), 1)}x)`;
      return zh
        ? `${c}的流失客户在流失前${p.windowDays}天内投诉${p.minComplaints}次及以上，留存客户为${r}${lift}`
        : `${c} of churned customers had ${p.minComplaints}+ complaints in the ${p.windowDays} days before leaving, vs ${r} of retained customers${lift}`;
    }
    case 'one-size-fits-all': {
      const hi = String(p.highTier);
      const lo = String(p.lowTier);
      const [hr, lr] = [fmtPct(Number(p.highRate)), fmtPct(Number(p.lowRate))];
      if (f.status === 'flag') {
        const ratio = p.ratio === null ? '' : zh ? `（${fmtNum(Number(p.ratio), 1)}倍）` : ` (${fmtNum(Number(p.ratio), 1)}x)`;
        return zh
          ? `各价值层流失差异大：${hi}${hr}，${lo}${lr}${ratio}，应分层施策`
          : `Value tiers churn very differently: ${TIER_NAMES[hi] ?? hi} ${hr} vs ${TIER_NAMES[lo] ?? lo} ${lr}${ratio}; tailor the plays per tier`;
      }
      return zh ? `各价值层流失率接近（${lr}至${hr}）` : `Value tiers churn alike (${lr} to ${hr})`;
    }
    case 'single-signal': {
      const name = SIGNAL_NAMES[String(p.signal)]?.[lang] ?? String(p.signal);
      const gain = Number(p.gain).toFixed(2);
      if (f.status === 'flag') {
        return zh
          ? `多信号预警AUC ${auc(p.multiAuc)}，比最佳单一信号${name}（${auc(p.singleAuc)}）高出${gain}`
          : `The multi-signal warning (AUC ${auc(p.multiAuc)}) beats the best single signal, ${name} (${auc(p.singleAuc)}), by ${gain}`;
      }
      return zh
        ? `最佳单一信号${name}（AUC ${auc(p.singleAuc)}）与多信号预警（${auc(p.multiAuc)}）效果相近`
        : `The best single signal, ${name} (AUC ${auc(p.singleAuc)}), warns about as well as all signals (${auc(p.multiAuc)})`;
    }
    case 'backtest-churned': {
      const name = BACKTEST_DEFINITION_NAMES[String(p.definition)]?.[lang] ?? String(p.definition);
      // The share from the counts, not the rounded `share` param: the same figure the settings table shows.
      const [n, share] = [fmtNum(Number(p.customers), 0), fmtPct(Number(p.cameBack) / Number(p.customers))];
      // A definition the back-test itself chose says so (metrics.md section 1).
      if (p.chosen) {
        return zh
          ? `按当前口径（${name}，由回测选定），${p.horizonDays} 天前判为流失的 ${n} 位客户中 ${share} 后来又下单或活跃`
          : `Of the ${n} customers the current definition (${name}, chosen by the back-test) called churned ${p.horizonDays} days ago, ${share} bought or were active again`;
      }
      return zh
        ? `按当前口径（${name}），${p.horizonDays} 天前判为流失的 ${n} 位客户中 ${share} 后来又下单或活跃`
        : `Of the ${n} customers the current definition (${name}) called churned ${p.horizonDays} days ago, ${share} bought or were active again`;
    }
    default:
      return String(f.check);
  }
}

/** Both languages at once, for JSON output. */
export function findingText(f: Finding): Bilingual {
  return { zh: formatFinding(f, 'zh'), en: formatFinding(f, 'en') };
}
