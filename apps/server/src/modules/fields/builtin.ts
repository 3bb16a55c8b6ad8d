import type { FieldDefinition, FieldType, LocalizedText } from '@kindling/contracts/fields';
import { LEAD_SOURCES } from '@kindling/contracts/leads';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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

export const BUILT_IN_FIELDS: readonly FieldDefinition[] = SPECS.map((spec, position) => ({
  key: spec.key,
  label: spec.label,
  type: spec.type,
  options: spec.key === 'source' ? LEAD_SOURCES.map((value) => ({ value, label: SOURCE_LABELS[value] })) : [],
  required: spec.required ?? false,
  unique: spec.unique ?? false,
  helpText: null,
  builtIn: true,
  archived: false,
  position,
}));

/** Built-in field key → the `leads` column holding it (for filters, sorting and export). */
export const BUILT_IN_COLUMNS: Readonly<Record<string, AnyPgColumn>> = Object.fromEntries(
  SPECS.map((spec) => [spec.key, spec.column]),
);

const BUILT_IN_KEYS: ReadonlySet<string> = new Set(SPECS.map((spec) => spec.key));
export const isBuiltInFieldKey = (key: string): boolean => BUILT_IN_KEYS.has(key);
