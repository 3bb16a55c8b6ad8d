// Generated lead files for bench:leads: the CSV a marketer would import (human headers, 20 custom columns) and the
// same rows already in `leads` table shape for the raw COPY baseline. Deterministic (seeded), streamed to disk.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

/** The 20 custom fields every bench workspace gets: a realistic mix of types. */
export const BENCH_FIELDS = [
  { key: 'tier', type: 'single_select', options: ['bronze', 'silver', 'gold', 'platinum'] },
  { key: 'plan', type: 'single_select', options: ['free', 'team', 'business', 'enterprise'] },
  { key: 'region', type: 'single_select', options: ['north', 'east', 'south', 'west', 'overseas'] },
  { key: 'lifecycle', type: 'single_select', options: ['subscriber', 'lead', 'mql', 'sql', 'customer'] },
  { key: 'interests', type: 'multi_select', options: ['crm', 'email', 'wechat', 'events', 'ads', 'analytics'] },
  { key: 'products', type: 'multi_select', options: ['a', 'b', 'c', 'd'] },
  { key: 'employees', type: 'number' },
  { key: 'budget', type: 'number' },
  { key: 'visits', type: 'number' },
  { key: 'nps', type: 'number' },
  { key: 'signed_on', type: 'date' },
  { key: 'renewal_on', type: 'date' },
  { key: 'last_demo', type: 'date' },
  { key: 'crm_id', type: 'text' },
  { key: 'campaign', type: 'text' },
  { key: 'department', type: 'text' },
  { key: 'wants_newsletter', type: 'boolean' },
  { key: 'is_partner', type: 'boolean' },
  { key: 'website', type: 'url' },
  { key: 'notes', type: 'long_text' },
] as const;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', 'Smith', 'Chen', 'Müller', 'Garcia'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', 'Anna', 'Ben', 'Chloe', 'David'];
const PROVINCES = ['广东', '北京', '上海', '浙江', '江苏', '四川', '湖北', '山东', '福建', '天津'];
const CITIES = ['深圳', '广州', '北京', '上海', '杭州', '南京', '成都', '武汉', '青岛', '厦门'];
const INDUSTRIES = ['软件', '制造', '金融', '医疗', '教育', '零售', '物流', '能源'];
const TITLES = ['市场总监', '销售经理', 'CMO', 'IT Manager', '采购', 'CEO', '运营专员'];

/** mulberry32: a tiny seeded PRNG, so every run generates the same rows. */
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

export interface BenchLead {
  name: string;
  email: string;
  phone: string;
  companyName: string;
  jobTitle: string;
  province: string;
  city: string;
  industry: string;
  attributes: Record<string, string | number | boolean | string[]>;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const day = (random: () => number) =>
  new Date(Date.UTC(2022, 0, 1) + Math.floor(random() * 1400) * 86_400_000).toISOString().slice(0, 10);

/** Lead number `i` (emails and phones unique by i); `variant` changes the values but keeps the identity. */
export function benchLead(i: number, variant = 0): BenchLead {
  const random = seededRandom(i * 7919 + variant * 104_729 + 1);
  const attributes: BenchLead['attributes'] = {};
  for (const field of BENCH_FIELDS) {
    switch (field.type) {
      case 'single_select':
        attributes[field.key] = pick(random, field.options);
        break;
      case 'multi_select':
        attributes[field.key] = field.options.filter(() => random() < 0.3);
        break;
      case 'number':
        attributes[field.key] = Math.floor(random() * 1000);
        break;
      case 'date':
        attributes[field.key] = day(random);
        break;
      case 'boolean':
        attributes[field.key] = random() < 0.5;
        break;
      case 'url':
        attributes[field.key] = `https://example-${i % 5000}.com`;
        break;
      default:
        attributes[field.key] = field.key === 'crm_id' ? `CRM-${String(i).padStart(7, '0')}` : `${field.key} ${i % 97}`;
    }
  }
  return {
    name: `${pick(random, SURNAMES)}${pick(random, GIVEN)}${i % 1000}`,
    email: `lead${i}@company${i % 20_000}.example.com`,
    phone: `+86139${String(i).padStart(8, '0')}`,
    companyName: `Company ${i % 20_000}`,
    jobTitle: pick(random, TITLES),
    province: pick(random, PROVINCES),
    city: pick(random, CITIES),
    industry: pick(random, INDUSTRIES),
    attributes,
  };
}

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const importCell = (value: string | number | boolean | string[] | undefined) =>
  csvCell(Array.isArray(value) ? value.join(';') : String(value ?? ''));

/** The import header: the way the fields are labelled in the console (Chinese built-ins, keys for custom). */
export const IMPORT_HEADER = [
  '姓名',
  '邮箱',
  '手机',
  '公司',
  '职位',
  '省份',
  '城市',
  '行业',
  ...BENCH_FIELDS.map((f) => f.key),
];

async function writeLines(filePath: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(filePath);
  for (const line of lines) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
}

/** The marketer's CSV: leads `from` … `from + count - 1`. */
export async function writeImportCsv(filePath: string, from: number, count: number, variant = 0): Promise<void> {
  function* lines() {
    yield `${IMPORT_HEADER.join(',')}\n`;
    for (let i = from; i < from + count; i++) {
      const lead = benchLead(i, variant);
      const base = [lead.name, lead.email, lead.phone, lead.companyName, lead.jobTitle, lead.province, lead.city];
      const cells = [...base, lead.industry].map(csvCell);
      yield `${[...cells, ...BENCH_FIELDS.map((f) => importCell(lead.attributes[f.key]))].join(',')}\n`;
    }
  }
  await writeLines(filePath, lines());
}

/** Column list of the COPY baseline file, in `leads` column names. */
export const COPY_COLUMNS = [
  'workspace_id',
  'id',
  'name',
  'email',
  'phone',
  'company_name',
  'job_title',
  'province',
  'city',
  'industry',
  'source',
  'attributes',
];

/** The same rows, already normalised, as a CSV in `leads` shape: what raw COPY loads at the speed limit. */
export async function writeCopyCsv(filePath: string, workspaceId: string, from: number, count: number): Promise<void> {
  function* lines() {
    for (let i = from; i < from + count; i++) {
      const lead = benchLead(i);
      const cells = [workspaceId, randomUUID(), lead.name, lead.email, lead.phone, lead.companyName, lead.jobTitle];
      const rest = [lead.province, lead.city, lead.industry, 'import', JSON.stringify(lead.attributes)];
      yield `${[...cells, ...rest].map(csvCell).join(',')}\n`;
    }
  }
  await writeLines(filePath, lines());
}
