/**
 * Deterministic, realistic demo leads (Chinese and English names, real-sounding B2B companies). Used by the
 * first-start seed and by benchmarks, so both see the same shape of data.
 */
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '晓东',
  '思远',
  '雨桐',
  '子涵',
  '浩然',
  '嘉怡',
];
const PINYIN: Record<string, string> = {
  王: 'wang',
  李: 'li',
  张: 'zhang',
  刘: 'liu',
  陈: 'chen',
  杨: 'yang',
  黄: 'huang',
  赵: 'zhao',
  吴: 'wu',
  周: 'zhou',
  徐: 'xu',
  孙: 'sun',
  马: 'ma',
  朱: 'zhu',
  胡: 'hu',
  郭: 'guo',
  何: 'he',
  林: 'lin',
  罗: 'luo',
  高: 'gao',
};
const FIRST_EN = [
  'Emily',
  'James',
  'Olivia',
  'Daniel',
  'Sophia',
  'Michael',
  'Grace',
  'David',
  'Chloe',
  'Ryan',
  'Hannah',
  'Lucas',
  'Mia',
  'Ethan',
];
const LAST_EN = [
  'Smith',
  'Chen',
  'Miller',
  'Wong',
  'Johnson',
  'Lee',
  'Brown',
  'Tan',
  'Garcia',
  'Müller',
  'Davis',
  'Kim',
];
const COMPANIES_CN: [string, string][] = [
  ['上海云启信息科技有限公司', 'yunqi-tech.cn'],
  ['北京数智未来科技有限公司', 'shuzhi.com.cn'],
  ['深圳星河智能制造有限公司', 'xinghe-im.com'],
  ['杭州青禾软件有限公司', 'qinghesoft.cn'],
  ['广州远航物流集团', 'yuanhang-logistics.com'],
  ['苏州恒信医疗器械有限公司', 'hengxin-med.cn'],
  ['成都蓝鲸数据服务有限公司', 'lanjing-data.cn'],
  ['南京华拓工业自动化有限公司', 'huatuo-auto.com'],
  ['武汉光谷新能源科技有限公司', 'ggne.com.cn'],
  ['西安秦川精密机械有限公司', 'qinchuan-pm.cn'],
];
const COMPANIES_EN: [string, string][] = [
  ['Northwind Analytics', 'northwind.io'],
  ['Acme Industrial', 'acme-industrial.com'],
  ['Bluepeak Software', 'bluepeak.dev'],
  ['Helios Energy Systems', 'helios-energy.com'],
  ['Orbit Logistics', 'orbitlogistics.com'],
  ['Lumen Health', 'lumenhealth.co'],
];
const TITLES_CN = [
  '市场总监',
  '销售经理',
  'IT 主管',
  '采购经理',
  '首席技术官',
  '运营总监',
  '产品经理',
  '总经理',
  '数字化负责人',
];
const TITLES_EN = [
  'Marketing Director',
  'Head of Sales',
  'IT Manager',
  'Procurement Lead',
  'CTO',
  'VP Operations',
  'Product Manager',
];
const SOURCES = [
  'website',
  'form',
  'event',
  'wechat',
  'import',
  'manual',
  'referral',
  'content',
  'live',
  'wecom',
] as const;

export interface DemoLead {
  name: string;
  email: string | null;
  phone: string | null;
  companyName: string;
  jobTitle: string;
  source: (typeof SOURCES)[number];
  ownerIndex: number | null;
  createdAt: Date;
}

/** mulberry32: a tiny seeded PRNG, so every run generates the same leads. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateDemoLeads(
  count: number,
  options: { seed?: number; owners?: number; now?: Date } = {},
): DemoLead[] {
  const seed = options.seed ?? 42;
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const now = (options.now ?? new Date()).getTime();
  const owners = options.owners ?? 0;
  const result: DemoLead[] = [];
  for (let i = 0; i < count; i++) {
    const chinese = random() < 0.7;
    const [company, domain] = chinese ? pick(COMPANIES_CN) : pick(COMPANIES_EN);
    let name: string;
    let local: string;
    if (chinese) {
      const surname = pick(SURNAMES);
      name = surname + pick(GIVEN);
      local = `${PINYIN[surname] ?? 'lead'}.${seed}.${i}`;
    } else {
      const first = pick(FIRST_EN);
      const last = pick(LAST_EN);
      name = `${first} ${last}`;
      local = `${first}.${last}.${seed}.${i}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    }
    const hasEmail = random() < 0.85;
    const hasPhone = chinese ? random() < 0.8 : random() < 0.4;
    const mobile = `1${pick(['38', '39', '58', '86', '36', '77'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
    result.push({
      name,
      email: hasEmail ? `${local}@${domain}` : null,
      phone: hasPhone ? (chinese ? `+86${mobile}` : `+1415555${String(1000 + (i % 9000)).padStart(4, '0')}`) : null,
      companyName: company,
      jobTitle: chinese ? pick(TITLES_CN) : pick(TITLES_EN),
      source: pick(SOURCES),
      ownerIndex: owners > 0 && random() < 0.6 ? Math.floor(random() * owners) : null,
      createdAt: new Date(now - Math.floor(random() * 120 * 24 * 3600 * 1000)),
    });
  }
  return result;
}
