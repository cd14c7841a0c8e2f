import type { Lang } from './computed';
import { fmtNum } from './format';

type Words = { zh: string; en: string };

/** Category values of common churn snapshots (Telco-style headers) in words, by factor name and value. */
const CATEGORY_WORDS: { factor: RegExp; value: RegExp; words: Words }[] = [
  { factor: /contract|合同/i, value: /month/i, words: { zh: '按月合同', en: 'month-to-month contract' } },
  { factor: /contract|合同/i, value: /one|1/i, words: { zh: '一年期合同', en: 'one-year contract' } },
  { factor: /contract|合同/i, value: /two|2/i, words: { zh: '两年期合同', en: 'two-year contract' } },
  { factor: /payment/i, value: /electronic/i, words: { zh: '电子支票付款', en: 'pays by electronic check' } },
  { factor: /payment/i, value: /mailed/i, words: { zh: '邮寄支票付款', en: 'pays by mailed check' } },
  { factor: /internet/i, value: /fib/i, words: { zh: '光纤宽带', en: 'fiber-optic internet' } },
  { factor: /internet/i, value: /^no$/i, words: { zh: '无宽带服务', en: 'no internet service' } },
  { factor: /onlinesecurity/i, value: /^no$/i, words: { zh: '无在线安全服务', en: 'no online security' } },
  { factor: /techsupport/i, value: /^no$/i, words: { zh: '无技术支持', en: 'no tech support' } },
  { factor: /onlinebackup/i, value: /^no$/i, words: { zh: '无在线备份', en: 'no online backup' } },
  { factor: /deviceprotection/i, value: /^no$/i, words: { zh: '无设备保护', en: 'no device protection' } },
  { factor: /paperless/i, value: /^yes$/i, words: { zh: '电子账单', en: 'paperless billing' } },
  { factor: /partner/i, value: /^no$/i, words: { zh: '无伴侣', en: 'no partner' } },
  { factor: /dependents/i, value: /^no$/i, words: { zh: '无家属', en: 'no dependents' } },
];

/** Numeric factors in words, by name: tenure in months, charges as amounts. */
const NUMBER_WORDS: { factor: RegExp; words: (v: string) => Words }[] = [
  { factor: /^tenure$|在网/i, words: (v) => ({ zh: `在网 ${v} 个月`, en: `tenure ${v} month${v === '1' ? '' : 's'}` }) },
  { factor: /^monthly_value$|monthly/i, words: (v) => ({ zh: `月费 ${v}`, en: `monthly charge ${v}` }) },
  { factor: /total/i, words: (v) => ({ zh: `累计费用 ${v}`, en: `total charges ${v}` }) },
  { factor: /senior/i, words: (v) => (v === '1' ? { zh: '老年用户', en: 'senior citizen' } : { zh: `老年用户 = ${v}`, en: `senior citizen = ${v}` }) },
];

/**
 * A model factor with the customer's own value, in words: "按月合同" / "month-to-month contract",
 * "在网 2 个月" / "tenure 2 months"; any other column as "header：value" / "header: value".
 */
export function factorText(factor: string, kind: string, value: unknown, lang: Lang): string {
  if (kind === 'num') {
    const v = fmtNum(Number(value), 2);
    const known = NUMBER_WORDS.find((w) => w.factor.test(factor));
    if (known) return known.words(v)[lang];
    return lang === 'zh' ? `${factor}：${v}` : `${factor}: ${v}`;
  }
  const text = String(value ?? '');
  const known = CATEGORY_WORDS.find((w) => w.factor.test(factor) && w.value.test(text));
  if (known) return known.words[lang];
  return lang === 'zh' ? `${factor}：${text}` : `${factor}: ${text}`;
}

/** Numeric factors as a trait, by name and side of the average: "在网时长短" / "short tenure". */
const TRAIT_WORDS: { factor: RegExp; low: Words; high: Words }[] = [
  { factor: /^tenure$|在网/i, low: { zh: '在网时长短', en: 'short tenure' }, high: { zh: '在网时长长', en: 'long tenure' } },
  { factor: /^monthly_value$|monthly/i, low: { zh: '月费低', en: 'low monthly charge' }, high: { zh: '月费高', en: 'high monthly charge' } },
  { factor: /total/i, low: { zh: '累计费用低', en: 'low total charges' }, high: { zh: '累计费用高', en: 'high total charges' } },
  { factor: /senior/i, low: { zh: '非老年用户', en: 'not a senior citizen' }, high: { zh: '老年用户', en: 'senior citizen' } },
];

/**
 * A reason shared by many customers, for counting: a category as factorText says it, a number as
 * its side of the average ("在网时长短" / "short tenure"; else "header偏高" / "high header").
 */
export function factorGist(factor: string, kind: string, value: unknown, high: boolean, lang: Lang): string {
  if (kind !== 'num') return factorText(factor, kind, value, lang);
  const known = TRAIT_WORDS.find((w) => w.factor.test(factor));
  if (known) return (high ? known.high : known.low)[lang];
  if (lang === 'zh') return `${factor}${high ? '偏高' : '偏低'}`;
  return `${high ? 'high' : 'low'} ${factor}`;
}
