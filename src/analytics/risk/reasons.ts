import type { Lang } from './computed';
import { fmtNum, fmtPct } from './format';
import { factorText } from './factorText';

/** Reason codes of the health score (one per signal). */
export type ReasonCode =
  | 'recency'
  | 'frequency-drop'
  | 'monetary-drop'
  | 'complaints'
  | 'service-failures'
  | 'nps'
  | 'usage-drop'
  | 'model-factor';

/**
 * A structured reason: the code and the numbers behind it. Parameters by code:
 * recency {days, gap, basis: order|activity, typical}; frequency-drop {last, prev, basis};
 * monetary-drop {last, prev}; complaints {count, days}; service-failures {unanswered, slow};
 * nps {score, previous, source: nps|satisfaction}; usage-drop {last, prev, basis: features|events};
 * model-factor {factor, kind: num|cat, value, logit} (a label-only snapshot's model, snapshotRisk.ts).
 */
export interface Reason {
  code: ReasonCode;
  params: Record<string, number | string | boolean | null>;
}

/** The reason columns of one cw_customer_risk row. */
export interface ReasonColumns {
  reason1?: unknown;
  reason1_params?: unknown;
  reason2?: unknown;
  reason2_params?: unknown;
  reason3?: unknown;
  reason3_params?: unknown;
}

/** The up-to-three reasons of a cw_customer_risk row, most important first. */
export function reasonsOf(row: ReasonColumns): Reason[] {
  const pairs: [unknown, unknown][] = [
    [row.reason1, row.reason1_params],
    [row.reason2, row.reason2_params],
    [row.reason3, row.reason3_params],
  ];
  const out: Reason[] = [];
  for (const [code, params] of pairs) {
    if (typeof code !== 'string' || code === '') continue;
    out.push({ code: code as ReasonCode, params: typeof params === 'string' ? JSON.parse(params) : {} });
  }
  return out;
}

const n = (v: unknown) => (typeof v === 'number' ? v : Number(v));

function dropPct(last: number, prev: number): string {
  return fmtPct(prev > 0 ? Math.max(0, 1 - last / prev) : 0, 0);
}

/** One reason in words: "no order for 74 days, usually every 20" / "74天未下单（通常每20天一单）". */
export function formatReason(r: Reason, lang: Lang): string {
  const p = r.params;
  switch (r.code) {
    case 'recency': {
      const days = fmtNum(n(p.days), 0);
      const gap = fmtNum(n(p.gap), 0);
      const order = p.basis !== 'activity';
      if (p.gap === null || p.gap === undefined) {
        return lang === 'zh' ? `${days}天${order ? '未下单' : '无活跃'}` : `no ${order ? 'order' : 'activity'} for ${days} days`;
      }
      if (lang === 'zh') {
        const who = p.typical ? '客户' : '';
        return order ? `${days}天未下单（${who}通常每${gap}天一单）` : `${days}天无活跃（${who}通常每${gap}天一次）`;
      }
      return `no ${order ? 'order' : 'activity'} for ${days} days, ${p.typical ? 'customers ' : ''}usually every ${gap}`;
    }
    case 'frequency-drop': {
      const last = n(p.last);
      const prev = n(p.prev);
      const order = p.basis !== 'activity';
      return lang === 'zh'
        ? `近90天${order ? '下单' : '活跃'}${fmtNum(last, 0)}次，前90天${fmtNum(prev, 0)}次（下降${dropPct(last, prev)}）`
        : `${order ? 'orders' : 'activity'} down ${dropPct(last, prev)} in 90 days (${fmtNum(last, 0)} vs ${fmtNum(prev, 0)})`;
    }
    case 'monetary-drop': {
      const last = n(p.last);
      const prev = n(p.prev);
      return lang === 'zh'
        ? `近90天消费${fmtNum(last, 0)}，前90天${fmtNum(prev, 0)}（下降${dropPct(last, prev)}）`
        : `spend down ${dropPct(last, prev)} in 90 days (${fmtNum(last, 0)} vs ${fmtNum(prev, 0)})`;
    }
    case 'complaints': {
      const c = n(p.count);
      const days = fmtNum(n(p.days ?? 30), 0);
      return lang === 'zh' ? `${days}天内投诉${fmtNum(c, 0)}次` : `${fmtNum(c, 0)} complaint${c === 1 ? '' : 's'} in ${days} days`;
    }
    case 'service-failures': {
      const u = n(p.unanswered);
      const s = n(p.slow);
      const parts: string[] = [];
      if (u > 0) parts.push(lang === 'zh' ? `${u}张工单超48小时未响应` : `${u} ticket${u === 1 ? '' : 's'} unanswered for over 48 h`);
      if (s > 0) parts.push(lang === 'zh' ? `${s}张工单首次响应超24小时` : `${s} slow first response${s === 1 ? '' : 's'} (over 24 h)`);
      return parts.join(lang === 'zh' ? '，' : ', ');
    }
    case 'nps': {
      const nps = p.source !== 'satisfaction';
      const score = fmtNum(n(p.score), 1);
      const hasPrev = p.previous !== null && p.previous !== undefined && n(p.previous) > n(p.score);
      if (nps) {
        const kind = n(p.score) < 7 ? ['贬损者', 'detractor'] : n(p.score) < 9 ? ['中立者', 'passive'] : ['推荐者', 'promoter'];
        if (hasPrev) {
          const prev = fmtNum(n(p.previous), 1);
          return lang === 'zh' ? `NPS从${prev}降至${score}（${kind[0]}）` : `NPS fell from ${prev} to ${score} (${kind[1]})`;
        }
        return lang === 'zh' ? `NPS评分${score}（${kind[0]}）` : `NPS ${score} (${kind[1]})`;
      }
      if (hasPrev) {
        const prev = fmtNum(n(p.previous), 1);
        return lang === 'zh' ? `满意度从${prev}降至${score}` : `satisfaction fell from ${prev} to ${score}`;
      }
      return lang === 'zh' ? `满意度${score}分（满分5）` : `satisfaction ${score} of 5`;
    }
    case 'usage-drop': {
      const last = n(p.last);
      const prev = n(p.prev);
      if (p.basis === 'features') {
        return lang === 'zh'
          ? `近90天使用功能数从${fmtNum(prev, 0)}降至${fmtNum(last, 0)}`
          : `features used down from ${fmtNum(prev, 0)} to ${fmtNum(last, 0)} in 90 days`;
      }
      return lang === 'zh'
        ? `近90天使用${fmtNum(last, 0)}次，前90天${fmtNum(prev, 0)}次（下降${dropPct(last, prev)}）`
        : `usage down ${dropPct(last, prev)} in 90 days (${fmtNum(last, 0)} vs ${fmtNum(prev, 0)} events)`;
    }
    case 'model-factor':
      return factorText(String(p.factor), String(p.kind), p.value, lang);
    default:
      return String(r.code);
  }
}
