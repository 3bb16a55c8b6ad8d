import type { CompanySize } from '@kindling/contracts/companies';
import { eq } from 'drizzle-orm';
import { matchCompaniesForLeads } from '../modules/companies/matching';
import { companies } from '../modules/companies/schema';
import { leads } from '../modules/leads/schema';
import type { Db } from '../platform/db/client';
import { newId } from '../platform/db/ids';
import { withTenant } from '../platform/db/tenant';

interface DemoCompany {
  name: string;
  domain: string | null;
  industry: string;
  size: CompanySize;
  region: string;
  /** Name of the parent company (a division of a group). */
  parent?: string;
}

/**
 * The demo workspace's companies: the ones the demo leads work at (same names and domains as demo-data.ts), plus a
 * few divisions so the hierarchy shows. Registry data is left empty on purpose: "Enrich" fills it from the sandbox
 * provider (enrichment/sandbox-fixtures.ts), which knows most of them.
 */
const DEMO_COMPANIES: DemoCompany[] = [
  { name: '上海云启信息科技有限公司', domain: 'yunqi-tech.cn', industry: '软件', size: '201-500', region: '上海' },
  { name: '北京数智未来科技有限公司', domain: 'shuzhi.com.cn', industry: '软件', size: '51-200', region: '北京' },
  { name: '深圳星河智能制造有限公司', domain: 'xinghe-im.com', industry: '制造业', size: '1001-5000', region: '广东' },
  {
    name: '星河智能（苏州）有限公司',
    domain: null,
    industry: '制造业',
    size: '201-500',
    region: '江苏',
    parent: '深圳星河智能制造有限公司',
  },
  { name: '杭州青禾软件有限公司', domain: 'qinghesoft.cn', industry: '软件', size: '11-50', region: '浙江' },
  { name: '广州远航物流集团', domain: 'yuanhang-logistics.com', industry: '物流', size: '5001-10000', region: '广东' },
  {
    name: '远航物流华南分公司',
    domain: null,
    industry: '物流',
    size: '1001-5000',
    region: '广东',
    parent: '广州远航物流集团',
  },
  {
    name: '远航冷链科技有限公司',
    domain: 'yuanhang-coldchain.cn',
    industry: '物流',
    size: '201-500',
    region: '广东',
    parent: '广州远航物流集团',
  },
  {
    name: '苏州恒信医疗器械有限公司',
    domain: 'hengxin-med.cn',
    industry: '医疗器械',
    size: '501-1000',
    region: '江苏',
  },
  { name: '成都蓝鲸数据服务有限公司', domain: 'lanjing-data.cn', industry: '互联网', size: '51-200', region: '四川' },
  {
    name: '南京华拓工业自动化有限公司',
    domain: 'huatuo-auto.com',
    industry: '制造业',
    size: '201-500',
    region: '江苏',
  },
  { name: '武汉光谷新能源科技有限公司', domain: 'ggne.com.cn', industry: '新能源', size: '51-200', region: '湖北' },
  { name: '西安秦川精密机械有限公司', domain: 'qinchuan-pm.cn', industry: '制造业', size: '501-1000', region: '陕西' },
  {
    name: 'Northwind Analytics',
    domain: 'northwind.io',
    industry: 'Software',
    size: '201-500',
    region: 'United States',
  },
  {
    name: 'Acme Industrial',
    domain: 'acme-industrial.com',
    industry: 'Manufacturing',
    size: '5001-10000',
    region: 'United Kingdom',
  },
  {
    name: 'Acme Industrial Asia Pacific',
    domain: 'acme-industrial.asia',
    industry: 'Manufacturing',
    size: '501-1000',
    region: 'Singapore',
    parent: 'Acme Industrial',
  },
  { name: 'Bluepeak Software', domain: 'bluepeak.dev', industry: 'Software', size: '11-50', region: 'Singapore' },
  {
    name: 'Helios Energy Systems',
    domain: 'helios-energy.com',
    industry: 'Energy',
    size: '1001-5000',
    region: 'Germany',
  },
  {
    name: 'Orbit Logistics',
    domain: 'orbitlogistics.com',
    industry: 'Logistics',
    size: '201-500',
    region: 'Netherlands',
  },
  { name: 'Lumen Health', domain: 'lumenhealth.co', industry: 'Healthcare', size: '51-200', region: 'Australia' },
];

/** Inserts the demo companies and links the workspace's leads to them (by email domain, else by company name). */
export async function insertDemoCompanies(db: Db, workspaceId: string): Promise<void> {
  const ids = new Map(DEMO_COMPANIES.map((company) => [company.name, newId()]));
  await withTenant(db, workspaceId, async (tx) => {
    await tx.insert(companies).values(
      DEMO_COMPANIES.map(({ parent, ...company }) => ({
        ...company,
        workspaceId,
        id: ids.get(company.name),
        parentId: parent ? ids.get(parent) : null,
      })),
    );
    const rows = await tx
      .select({ leadId: leads.id, companyName: leads.companyName, email: leads.email })
      .from(leads)
      .where(eq(leads.workspaceId, workspaceId));
    await matchCompaniesForLeads(tx, { workspaceId, userId: null }, rows, { createMissing: false });
  });
}
