import type { EnrichmentData } from './provider';

/**
 * SANDBOX DATA — fictional companies, invented for demos and tests. Any likeness to a real company is
 * accidental; registration ids contain "SBX" so they can never be mistaken for (or collide with) real ones. The
 * names and domains are the demo seed's, so "Enrich" works on the demo workspace; a few demo companies are left
 * out on purpose, to show what "not found in the registry" looks like.
 */
export interface SandboxCompany extends EnrichmentData {
  /** Names the company is known by (matched exactly, ignoring case and surrounding space). */
  names: string[];
  domains: string[];
}

export const SANDBOX_COMPANIES: readonly SandboxCompany[] = [
  {
    names: ['上海云启信息科技有限公司', '云启科技', 'Yunqi Tech'],
    domains: ['yunqi-tech.cn'],
    legalName: '上海云启信息科技有限公司',
    registrationId: '91310115MA1HSBX001',
    address: '上海市浦东新区张江高科技园区碧波路 690 号 3 幢',
    industry: '软件和信息技术服务业',
    size: '201-500',
    region: '上海',
  },
  {
    names: ['北京数智未来科技有限公司', '数智未来'],
    domains: ['shuzhi.com.cn'],
    legalName: '北京数智未来科技有限公司',
    registrationId: '91110108MA0BSBX002',
    address: '北京市海淀区中关村大街 27 号 11 层',
    industry: '软件和信息技术服务业',
    size: '51-200',
    region: '北京',
  },
  {
    names: ['深圳星河智能制造有限公司', '星河智能'],
    domains: ['xinghe-im.com'],
    legalName: '深圳星河智能制造有限公司',
    registrationId: '91440300MA5GSBX003',
    address: '广东省深圳市南山区西丽街道留仙大道 3370 号',
    industry: '通用设备制造业',
    size: '1001-5000',
    region: '广东 深圳',
  },
  {
    names: ['杭州青禾软件有限公司', '青禾软件'],
    domains: ['qinghesoft.cn'],
    legalName: '杭州青禾软件有限公司',
    registrationId: '91330106MA2HSBX004',
    address: '浙江省杭州市西湖区文三路 478 号',
    industry: '软件和信息技术服务业',
    size: '11-50',
    region: '浙江 杭州',
  },
  {
    names: ['广州远航物流集团', '广州远航物流集团有限公司', '远航物流'],
    domains: ['yuanhang-logistics.com'],
    legalName: '广州远航物流集团有限公司',
    registrationId: '91440101MA5CSBX005',
    address: '广东省广州市黄埔区港湾路 160 号',
    industry: '交通运输、仓储和邮政业',
    size: '5001-10000',
    region: '广东 广州',
  },
  {
    names: ['苏州恒信医疗器械有限公司', '恒信医疗'],
    domains: ['hengxin-med.cn'],
    legalName: '苏州恒信医疗器械有限公司',
    registrationId: '91320594MA1NSBX006',
    address: '江苏省苏州市工业园区星湖街 218 号',
    industry: '专用设备制造业',
    size: '501-1000',
    region: '江苏 苏州',
  },
  {
    names: ['成都蓝鲸数据服务有限公司', '蓝鲸数据'],
    domains: ['lanjing-data.cn'],
    legalName: '成都蓝鲸数据服务有限公司',
    registrationId: '91510100MA6CSBX007',
    address: '四川省成都市高新区天府大道中段 1366 号',
    industry: '互联网和相关服务',
    size: '51-200',
    region: '四川 成都',
  },
  {
    names: ['Northwind Analytics'],
    domains: ['northwind.io'],
    legalName: 'Northwind Analytics, Inc.',
    registrationId: 'US-DE-SBX-7301928',
    address: '1200 Harbor Blvd, Suite 400, San Francisco, CA 94107, USA',
    industry: 'Software & analytics',
    size: '201-500',
    region: 'United States',
  },
  {
    names: ['Acme Industrial'],
    domains: ['acme-industrial.com'],
    legalName: 'Acme Industrial Holdings Ltd',
    registrationId: 'GB-SBX-08812345',
    address: '4 Riverside Way, Manchester M3 4JH, United Kingdom',
    industry: 'Industrial machinery',
    size: '5001-10000',
    region: 'United Kingdom',
  },
  {
    names: ['Bluepeak Software'],
    domains: ['bluepeak.dev'],
    legalName: 'Bluepeak Software Pte. Ltd.',
    registrationId: 'SG-SBX-201912345K',
    address: '71 Ayer Rajah Crescent, #05-12, Singapore 139951',
    industry: 'Software',
    size: '11-50',
    region: 'Singapore',
  },
  {
    names: ['Helios Energy Systems'],
    domains: ['helios-energy.com'],
    legalName: 'Helios Energy Systems GmbH',
    registrationId: 'DE-SBX-HRB-204518',
    address: 'Am Sandtorkai 48, 20457 Hamburg, Germany',
    industry: 'Renewable energy',
    size: '1001-5000',
    region: 'Germany',
  },
  {
    names: ['Lumen Health'],
    domains: ['lumenhealth.co'],
    legalName: 'Lumen Health Pty Ltd',
    registrationId: 'AU-SBX-612345678',
    address: '88 Collins Street, Melbourne VIC 3000, Australia',
    industry: 'Healthcare technology',
    size: '51-200',
    region: 'Australia',
  },
];
