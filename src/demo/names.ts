import type { Rng } from './prng';

/**
 * Chinese company names from syllable lists (city + two-character brand + trade + legal form),
 * and the fixed roster of sales reps per region.
 */

/** Cities per region, in REGIONS order. */
const CITIES: readonly (readonly string[])[] = [
  ['上海', '杭州', '南京', '苏州', '宁波', '合肥', '济南', '青岛', '无锡', '福州'],
  ['广州', '深圳', '东莞', '佛山', '厦门', '南宁', '海口', '珠海'],
  ['北京', '天津', '石家庄', '太原', '呼和浩特', '保定', '唐山'],
  ['武汉', '长沙', '郑州', '南昌', '宜昌', '洛阳'],
  ['成都', '重庆', '昆明', '贵阳', '绵阳'],
  ['西安', '兰州', '银川', '西宁', '乌鲁木齐'],
  ['沈阳', '大连', '长春', '哈尔滨', '鞍山'],
];

const BRAND_SYLLABLES = [
  '华', '恒', '瑞', '盛', '达', '鑫', '通', '泰', '宏', '远', '嘉', '锦', '博', '创', '新', '辰', '德', '润', '丰', '诚',
  '信', '安', '航', '凯', '明', '海', '天', '光', '云', '星', '宇', '中', '汇', '银', '金', '振', '兴', '卓', '越', '易',
  '合', '普', '康', '立', '维', '精', '睿', '峰', '源', '启',
];

/** Trade words per industry, in INDUSTRIES order. */
const TRADES: readonly (readonly string[])[] = [
  ['机械', '精工', '重工', '电子', '材料', '智能装备'],
  ['商贸', '百货', '连锁', '电商', '超市'],
  ['网络科技', '信息技术', '数码', '软件', '数据科技'],
  ['投资', '融资租赁', '保险代理', '资产管理'],
  ['医药', '医疗器械', '生物科技', '健康'],
  ['教育科技', '培训', '文化传播'],
  ['物流', '供应链', '运输', '快运'],
];

const LEGAL_FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '集团有限公司'];

/** A company name such as 杭州恒瑞精工有限公司, drawn for a customer of the given region and industry. */
export function companyName(rng: Rng, region: number, industry: number): string {
  const cities = CITIES[region];
  const trades = TRADES[industry];
  const b1 = BRAND_SYLLABLES[rng.int(0, BRAND_SYLLABLES.length - 1)];
  let b2 = BRAND_SYLLABLES[rng.int(0, BRAND_SYLLABLES.length - 1)];
  if (b2 === b1) b2 = BRAND_SYLLABLES[(BRAND_SYLLABLES.indexOf(b1) + 7) % BRAND_SYLLABLES.length];
  return (
    cities[rng.int(0, cities.length - 1)] +
    b1 +
    b2 +
    trades[rng.int(0, trades.length - 1)] +
    LEGAL_FORMS[rng.int(0, LEGAL_FORMS.length - 1)]
  );
}

/** Sales reps (customers.owner) per region, in REGIONS order: bigger regions have more reps. */
export const OWNERS_BY_REGION: readonly (readonly string[])[] = [
  ['王磊', '李娜', '张伟', '陈静', '周涛'],
  ['刘洋', '黄敏', '吴强', '郑丽'],
  ['赵军', '孙婷', '马超', '朱琳'],
  ['胡斌', '郭芳', '何勇'],
  ['林峰', '罗欣', '高翔'],
  ['梁宇', '宋佳'],
  ['谢东', '韩雪'],
];
