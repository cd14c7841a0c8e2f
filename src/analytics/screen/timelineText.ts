import { fmtNum } from '../risk/format';
import type { ScreenLang } from './lang';
import type { TimelineRaw } from './timelineSql';

const paren = (zh: boolean, s: string | null | undefined) => (s ? (zh ? `（${s}）` : ` (${s})`) : '');

function ticketText(r: TimelineRaw, zh: boolean): string {
  const response = r.n1 === null
    ? (zh ? '未响应' : 'no response')
    : zh ? `首次响应${fmtNum(r.n1, 1)}小时` : `first response in ${fmtNum(r.n1, 1)} h`;
  const sat = r.n2 === null ? '' : zh ? `，满意度${fmtNum(r.n2, 1)}` : `, satisfaction ${fmtNum(r.n2, 1)}`;
  return zh ? `工单${paren(zh, r.a)}：${response}${sat}` : `Ticket${paren(zh, r.a)}: ${response}${sat}`;
}

function subscriptionText(r: TimelineRaw, zh: boolean): string {
  const plan = r.a ?? '';
  if (r.b === 'end') return zh ? `订阅结束：${plan}${paren(zh, r.c)}` : `Subscription ended: ${plan}${paren(zh, r.c)}`;
  if (r.b === 'renewal') return zh ? `待续约：${plan}` : `Renewal due: ${plan}`;
  return zh ? `订阅开始：${plan}` : `Subscription started: ${plan}`;
}

/** One timeline entry in words (user text such as plan or action names is kept as typed). */
export function timelineText(r: TimelineRaw, lang: ScreenLang): string {
  const zh = lang !== 'en';
  switch (r.kind) {
    case 'order':
      return r.n1 === 1 ? (zh ? `退货 ${r.a ?? ''}` : `Return ${r.a ?? ''}`).trim() : (zh ? `订单 ${r.a ?? ''}` : `Order ${r.a ?? ''}`).trim() + paren(zh, r.b);
    case 'ticket':
      return ticketText(r, zh);
    case 'nps':
      return zh ? `NPS评分${fmtNum(r.n1 ?? NaN, 0)}` : `NPS ${fmtNum(r.n1 ?? NaN, 0)}`;
    case 'activity': {
      const events = fmtNum(r.n1 ?? 0, 0);
      const kinds = (r.n2 ?? 0) > 0 ? (zh ? `，${fmtNum(r.n2 ?? 0, 0)}项功能` : `, ${fmtNum(r.n2 ?? 0, 0)} features`) : '';
      return zh ? `当月活跃${events}次${kinds}` : `${events} events this month${kinds}`;
    }
    case 'subscription':
      return subscriptionText(r, zh);
    case 'intervention':
      return zh ? `挽回动作：${r.a ?? ''}${paren(zh, r.b)}` : `Retention action: ${r.a ?? ''}${paren(zh, r.b)}`;
  }
}
