import type { Company, CompanySortField } from '@kindling/contracts/companies';
import { Typography, type TableColumnType, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from '../../components/date-time';
import type { CompanyListParams } from './company-list-params';

type CompanyColumn = TableColumnType<Company>;

const text = (value: string | null) => value || <Typography.Text type="secondary">—</Typography.Text>;

/** The company list's columns: every one but the parent sorts on the server. */
export function useCompanyColumns(params: Pick<CompanyListParams, 'sort' | 'order'>): TableColumnsType<Company> {
  const { t } = useTranslation();
  const sortable = (key: CompanySortField): Partial<CompanyColumn> => ({
    key,
    sorter: true,
    sortOrder: params.sort === key ? (params.order === 'asc' ? 'ascend' : 'descend') : null,
  });
  return [
    {
      title: t('companies.fields.name'),
      dataIndex: 'name',
      ...sortable('name'),
      fixed: 'left',
      width: 220,
      ellipsis: true,
      render: (_value, company) => <Link to={`/companies/${company.id}`}>{company.name}</Link>,
    },
    {
      title: t('companies.fields.domain'),
      dataIndex: 'domain',
      ...sortable('domain'),
      width: 170,
      ellipsis: true,
      render: text,
    },
    {
      title: t('companies.fields.industry'),
      dataIndex: 'industry',
      ...sortable('industry'),
      width: 130,
      ellipsis: true,
      render: text,
    },
    {
      title: t('companies.fields.size'),
      dataIndex: 'size',
      ...sortable('size'),
      width: 130,
      render: (_value, company) => (company.size ? t('companies.sizeLabel', { band: company.size }) : text(null)),
    },
    {
      title: t('companies.fields.region'),
      dataIndex: 'region',
      ...sortable('region'),
      width: 120,
      ellipsis: true,
      render: text,
    },
    {
      title: t('companies.fields.parent'),
      key: 'parent',
      width: 180,
      ellipsis: true,
      render: (_value, company) =>
        company.parent ? <Link to={`/companies/${company.parent.id}`}>{company.parent.name}</Link> : text(null),
    },
    {
      title: t('companies.fields.leadCount'),
      dataIndex: 'leadCount',
      ...sortable('leadCount'),
      width: 100,
      align: 'right',
    },
    {
      title: t('companies.fields.createdAt'),
      dataIndex: 'createdAt',
      ...sortable('createdAt'),
      width: 150,
      render: (_value, company) => <DateTime value={company.createdAt} />,
    },
  ];
}
