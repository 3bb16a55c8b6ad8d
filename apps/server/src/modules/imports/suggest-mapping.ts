import type { FieldDefinition } from '@kindling/contracts/fields';
import type { ImportedLeadKey, ImportMapping } from '@kindling/contracts/imports';
import { importableFields } from './import-plan';

/** What people call the built-in columns in their spreadsheets (Chinese and English), beyond the field labels. */
const SYNONYMS: Partial<Record<ImportedLeadKey, string[]>> = {
  name: ['姓名', '名字', '联系人', '联系人姓名', '客户姓名', 'name', 'full name', 'contact', 'contact name'],
  email: ['邮箱', '电子邮件', '电子邮箱', '邮件', '邮箱地址', 'email', 'e-mail', 'email address', 'mail'],
  phone: [
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '联系电话',
    '联系方式',
    '移动电话',
    'phone',
    'mobile',
    'tel',
    'telephone',
    'phone number',
    'mobile phone',
    'cell phone',
  ],
  companyName: [
    '公司',
    '公司名称',
    '单位',
    '单位名称',
    '企业',
    '企业名称',
    'company',
    'company name',
    'organization',
    'organisation',
  ],
  jobTitle: ['职位', '职务', '岗位', '头衔', 'job title', 'title', 'position'],
  industry: ['行业', '所属行业', 'industry'],
  province: ['省份', '省', '所在省份', 'province', 'state'],
  city: ['城市', '市', '所在城市', 'city'],
  wechatOpenid: ['openid', 'open id', '微信openid', 'wechat openid'],
  wechatUnionid: ['unionid', 'union id', '微信unionid', 'wechat unionid'],
  source: ['来源', '线索来源', '潜客来源', 'source', 'lead source'],
  ownerId: ['负责人', '所有人', '跟进人', '销售', 'owner', 'lead owner', 'sales owner'],
};

/** "E-mail Address：" and "email_address" read alike: case, spaces and punctuation do not matter. */
export function normaliseHeader(text: string): string {
  return text.toLowerCase().replace(/[\s_\-.:：()（）*#/\\]/g, '');
}

/**
 * A first guess at the mapping: a column goes to the field whose key or label (Chinese or English) it names,
 * else to a built-in field it is a common name for. Each field takes the first column that names it; columns
 * nobody names are left out (not imported).
 */
export function suggestMapping(headers: readonly string[], catalog: readonly FieldDefinition[]): ImportMapping {
  const fields = importableFields(catalog);
  const exact = new Map<string, string>();
  for (const field of fields) {
    for (const name of [field.key, field.label['zh-CN'], field.label.en]) {
      const normalised = normaliseHeader(name);
      if (!exact.has(normalised)) exact.set(normalised, field.key);
    }
  }
  const common = new Map<string, string>();
  for (const [key, names] of Object.entries(SYNONYMS)) {
    for (const name of names) common.set(normaliseHeader(name), key);
  }

  const mapping: ImportMapping = {};
  const taken = new Set<string>();
  for (const lookup of [exact, common]) {
    headers.forEach((header, column) => {
      if (mapping[String(column)] !== undefined) return;
      const key = lookup.get(normaliseHeader(header));
      if (key === undefined || taken.has(key)) return;
      mapping[String(column)] = key;
      taken.add(key);
    });
  }
  return mapping;
}
