import { COMPANY_SIZES, type CompanySize } from '@kindling/contracts/companies';
import type { FieldDefinition, FieldEntity, FieldOption, FieldType, LocalizedText } from '@kindling/contracts/fields';
import { LEAD_SOURCES } from '@kindling/contracts/leads';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { companies } from '../companies/schema';
import { leads } from '../leads/schema';

const SOURCE_LABELS: Record<(typeof LEAD_SOURCES)[number], LocalizedText> = {
  manual: { 'zh-CN': '手动创建', en: 'Manual' },
  import: { 'zh-CN': '导入', en: 'Import' },
  website: { 'zh-CN': '官网', en: 'Website' },
  form: { 'zh-CN': '表单', en: 'Form' },
  event: { 'zh-CN': '活动', en: 'Event' },
  wechat: { 'zh-CN': '微信公众号', en: 'WeChat OA' },
  wecom: { 'zh-CN': '企业微信', en: 'WeCom' },
  referral: { 'zh-CN': '转介绍', en: 'Referral' },
  live: { 'zh-CN': '直播', en: 'Live stream' },
  content: { 'zh-CN': '内容获客', en: 'Gated content' },
  api: { 'zh-CN': 'API', en: 'API' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

interface BuiltInSpec {
  key: string;
  label: LocalizedText;
  type: FieldType;
  required?: boolean;
  unique?: boolean;
  column: AnyPgColumn;
}

/** The built-in lead fields, in display order, with the `leads` column each one lives in. */
const SPECS: BuiltInSpec[] = [
  { key: 'name', label: { 'zh-CN': '姓名', en: 'Name' }, type: 'text', required: true, column: leads.name },
  { key: 'email', label: { 'zh-CN': '邮箱', en: 'Email' }, type: 'email', unique: true, column: leads.email },
  { key: 'phone', label: { 'zh-CN': '手机号', en: 'Mobile' }, type: 'phone', column: leads.phone },
  { key: 'companyName', label: { 'zh-CN': '公司', en: 'Company' }, type: 'text', column: leads.companyName },
  { key: 'jobTitle', label: { 'zh-CN': '职位', en: 'Job title' }, type: 'text', column: leads.jobTitle },
  { key: 'industry', label: { 'zh-CN': '行业', en: 'Industry' }, type: 'text', column: leads.industry },
  { key: 'province', label: { 'zh-CN': '省份', en: 'Province' }, type: 'text', column: leads.province },
  { key: 'city', label: { 'zh-CN': '城市', en: 'City' }, type: 'text', column: leads.city },
  {
    key: 'source',
    label: { 'zh-CN': '来源', en: 'Source' },
    type: 'single_select',
    required: true,
    column: leads.source,
  },
  { key: 'ownerId', label: { 'zh-CN': '负责人', en: 'Owner' }, type: 'user', column: leads.ownerId },
  {
    key: 'wechatOpenid',
    label: { 'zh-CN': '微信 OpenID', en: 'WeChat OpenID' },
    type: 'text',
    column: leads.wechatOpenid,
  },
  {
    key: 'wechatUnionid',
    label: { 'zh-CN': '微信 UnionID', en: 'WeChat UnionID' },
    type: 'text',
    column: leads.wechatUnionid,
  },
  { key: 'createdAt', label: { 'zh-CN': '创建时间', en: 'Created' }, type: 'datetime', column: leads.createdAt },
  { key: 'updatedAt', label: { 'zh-CN': '更新时间', en: 'Updated' }, type: 'datetime', column: leads.updatedAt },
];

const SIZE_LABELS: Record<CompanySize, LocalizedText> = Object.fromEntries(
  COMPANY_SIZES.map((size) => [size, { 'zh-CN': `${size} 人`, en: `${size} employees` }]),
) as Record<CompanySize, LocalizedText>;

/** The built-in company fields, in display order, with the `companies` column each one lives in. */
const COMPANY_SPECS: BuiltInSpec[] = [
  { key: 'name', label: { 'zh-CN': '名称', en: 'Name' }, type: 'text', required: true, column: companies.name },
  { key: 'domain', label: { 'zh-CN': '域名', en: 'Domain' }, type: 'text', unique: true, column: companies.domain },
  { key: 'industry', label: { 'zh-CN': '行业', en: 'Industry' }, type: 'text', column: companies.industry },
  { key: 'size', label: { 'zh-CN': '规模', en: 'Size' }, type: 'single_select', column: companies.size },
  { key: 'region', label: { 'zh-CN': '地区', en: 'Region' }, type: 'text', column: companies.region },
  { key: 'legalName', label: { 'zh-CN': '工商名称', en: 'Legal name' }, type: 'text', column: companies.legalName },
  {
    key: 'registrationId',
    label: { 'zh-CN': '统一社会信用代码', en: 'Registration ID' },
    type: 'text',
    column: companies.registrationId,
  },
  { key: 'address', label: { 'zh-CN': '注册地址', en: 'Address' }, type: 'text', column: companies.address },
  { key: 'parent', label: { 'zh-CN': '上级公司', en: 'Parent company' }, type: 'text', column: companies.parentId },
  { key: 'createdAt', label: { 'zh-CN': '创建时间', en: 'Created' }, type: 'datetime', column: companies.createdAt },
  { key: 'updatedAt', label: { 'zh-CN': '更新时间', en: 'Updated' }, type: 'datetime', column: companies.updatedAt },
];

const OPTIONS: Partial<Record<string, FieldOption[]>> = {
  'lead.source': LEAD_SOURCES.map((value) => ({ value, label: SOURCE_LABELS[value] })),
  'company.size': COMPANY_SIZES.map((value) => ({ value, label: SIZE_LABELS[value] })),
};

function definitions(entity: FieldEntity, specs: BuiltInSpec[]): readonly FieldDefinition[] {
  return specs.map((spec, position) => ({
    key: spec.key,
    label: spec.label,
    type: spec.type,
    options: OPTIONS[`${entity}.${spec.key}`] ?? [],
    required: spec.required ?? false,
    unique: spec.unique ?? false,
    helpText: null,
    builtIn: true,
    archived: false,
    position,
  }));
}

const columnsOf = (specs: BuiltInSpec[]): Readonly<Record<string, AnyPgColumn>> =>
  Object.fromEntries(specs.map((spec) => [spec.key, spec.column]));

/** The built-in lead fields. */
export const BUILT_IN_FIELDS = definitions('lead', SPECS);
export const COMPANY_BUILT_IN_FIELDS = definitions('company', COMPANY_SPECS);

/** Built-in lead field key → the `leads` column holding it (for filters, sorting and export). */
export const BUILT_IN_COLUMNS = columnsOf(SPECS);
/** Built-in company field key → its `companies` column (for lead filters on `company.<key>`). */
export const COMPANY_BUILT_IN_COLUMNS = columnsOf(COMPANY_SPECS);

export const builtInFields = (entity: FieldEntity): readonly FieldDefinition[] =>
  entity === 'company' ? COMPANY_BUILT_IN_FIELDS : BUILT_IN_FIELDS;

const BUILT_IN_KEYS: Record<FieldEntity, ReadonlySet<string>> = {
  lead: new Set(SPECS.map((spec) => spec.key)),
  company: new Set(COMPANY_SPECS.map((spec) => spec.key)),
};
export const isBuiltInFieldKey = (key: string, entity: FieldEntity = 'lead'): boolean => BUILT_IN_KEYS[entity].has(key);
