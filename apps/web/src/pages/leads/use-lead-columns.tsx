import { UndoOutlined } from '@ant-design/icons';
import type { FieldDefinition, FieldType } from '@kindling/contracts/fields';
import { CUSTOM_SORT_PREFIX, type Lead } from '@kindling/contracts/leads';
import { DEFAULT_LEAD_COLUMNS } from '@kindling/contracts/preferences';
import { Button, Typography, type TableColumnType, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { DateTime } from '../../components/date-time';
import { useLanguage } from '../../i18n/use-language';
import { LeadCompanyLink } from '../companies/lead-company-link';
import { CustomFieldValue, localized } from './custom-fields';
import type { LeadLinkState, LeadListParams, LeadSortField } from './lead-list-params';
import { LeadSourceTag } from './lead-source-tag';

interface Options {
  params: Pick<LeadListParams, 'sort' | 'order' | 'view'>;
  /**
   * Field catalogue keys to show, in order (custom fields by their key); the default columns without. The name
   * column always comes first and stays fixed; keys that are unknown or archived are skipped.
   */
  columnKeys?: readonly string[];
  /** The field catalogue, needed to show custom fields. */
  fields?: FieldDefinition[];
  /** Recycle-bin rows get a Restore action when given. */
  onRestore?: (lead: Lead) => void;
  restoringId?: string | null;
}

type LeadColumn = TableColumnType<Lead>;
type TextField =
  'email' | 'phone' | 'companyName' | 'jobTitle' | 'industry' | 'province' | 'city' | 'wechatOpenid' | 'wechatUnionid';

/** For the table's horizontal scroll: every column has a fixed width, so ellipsis works. */
export function totalWidth<T>(columns: TableColumnsType<T>): number {
  return columns.reduce((sum, column) => sum + (typeof column.width === 'number' ? column.width : 0), 0);
}

/** Fields a user can choose as list columns: every non-archived field of the catalogue, in catalogue order. */
export const columnChoices = (catalog: FieldDefinition[] | undefined): FieldDefinition[] =>
  (catalog ?? []).filter((field) => !field.archived);

/**
 * The columns an export of the list should have: what the table shows, in order — the name first, then the
 * chosen fields, leaving out archived custom fields (the table hides them).
 */
export function exportColumnKeys(columnKeys: readonly string[], catalog: FieldDefinition[] | undefined): string[] {
  const archived = new Set((catalog ?? []).filter((field) => field.archived).map((field) => field.key));
  return ['name', ...columnKeys.filter((key) => key !== 'name' && !archived.has(key))];
}

const text = (value: string | null) => value || <Typography.Text type="secondary">—</Typography.Text>;

const CUSTOM_WIDTHS: Partial<Record<FieldType, number>> = {
  long_text: 240,
  multi_select: 220,
  url: 200,
  email: 200,
  number: 110,
  boolean: 90,
  date: 120,
  datetime: 150,
};

export function useLeadColumns({
  params,
  columnKeys,
  fields,
  onRestore,
  restoringId,
}: Options): TableColumnsType<Lead> {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const location = useLocation();
  const linkState: LeadLinkState = { listUrl: `${location.pathname}${location.search}` };

  const sortOrderOf = (field: LeadSortField): 'ascend' | 'descend' | null =>
    params.sort === field ? (params.order === 'asc' ? 'ascend' : 'descend') : null;
  const sortable = (field: LeadSortField) => ({ key: field, sorter: true, sortOrder: sortOrderOf(field) });
  const plainText = (key: TextField, width: number): LeadColumn => ({
    title: t(`leads.fields.${key}`),
    dataIndex: key,
    ...sortable(key),
    width,
    ellipsis: true,
    render: text,
  });
  const instant = (key: 'createdAt' | 'updatedAt'): LeadColumn => ({
    title: t(`leads.fields.${key}`),
    dataIndex: key,
    ...sortable(key),
    width: 150,
    render: (_value, lead) => <DateTime value={lead[key]} />,
  });

  const nameColumn: LeadColumn = {
    title: t('leads.fields.name'),
    dataIndex: 'name',
    ...sortable('name'),
    fixed: 'left',
    width: 140,
    ellipsis: true,
    // Deleted leads have no detail page until restored.
    render: (_value, lead) =>
      lead.deletedAt ? (
        lead.name
      ) : (
        <Link to={`/leads/${lead.id}`} state={linkState}>
          {lead.name}
        </Link>
      ),
  };

  /** Built-in fields by catalogue key; every column sorts (the owner by name). */
  const builtIn: Record<string, () => LeadColumn> = {
    email: () => plainText('email', 200),
    phone: () => ({ ...plainText('phone', 140), ellipsis: false }),
    // Linked leads link to their company.
    companyName: () => ({
      ...plainText('companyName', 190),
      render: (_value, lead) => <LeadCompanyLink lead={lead} />,
    }),
    jobTitle: () => plainText('jobTitle', 120),
    industry: () => plainText('industry', 120),
    province: () => plainText('province', 100),
    city: () => plainText('city', 100),
    wechatOpenid: () => plainText('wechatOpenid', 200),
    wechatUnionid: () => plainText('wechatUnionid', 200),
    source: () => ({
      title: t('leads.fields.source'),
      dataIndex: 'source',
      ...sortable('source'),
      width: 100,
      render: (_value, lead) => <LeadSourceTag source={lead.source} />,
    }),
    ownerId: () => ({
      title: t('leads.fields.owner'),
      dataIndex: 'ownerName',
      ...sortable('ownerId'),
      width: 110,
      ellipsis: true,
      render: text,
    }),
    createdAt: () => instant('createdAt'),
    updatedAt: () => instant('updatedAt'),
  };

  /** Custom fields show `lead.attributes[key]` by type and sort by their typed value (`attr.<key>`). */
  const customColumn = (field: FieldDefinition): LeadColumn => ({
    title: localized(field.label, language),
    ...sortable(`${CUSTOM_SORT_PREFIX}${field.key}`),
    width: CUSTOM_WIDTHS[field.type] ?? 150,
    ellipsis: field.type !== 'multi_select',
    render: (_value, lead) => <CustomFieldValue field={field} value={lead.attributes[field.key]} />,
  });

  const customByKey = new Map(
    (fields ?? []).filter((field) => !field.builtIn && !field.archived).map((field) => [field.key, field]),
  );
  const chosen = (columnKeys ?? DEFAULT_LEAD_COLUMNS).filter((key) => key !== 'name');
  const columns: TableColumnsType<Lead> = [nameColumn];
  for (const key of new Set(chosen)) {
    const custom = customByKey.get(key);
    const column = builtIn[key]?.() ?? (custom ? customColumn(custom) : undefined);
    if (column) columns.push(column);
  }

  if (params.view === 'deleted') {
    columns.push({
      title: t('leads.fields.deletedAt'),
      dataIndex: 'deletedAt',
      key: 'deletedAt',
      width: 150,
      render: (_value, lead) => <DateTime value={lead.deletedAt} />,
    });
    if (onRestore) {
      columns.push({
        title: t('common.actions'),
        key: 'actions',
        fixed: 'right',
        width: 100,
        render: (_value, lead) => (
          <Button
            type="link"
            size="small"
            icon={<UndoOutlined />}
            loading={restoringId === lead.id}
            onClick={() => onRestore(lead)}
          >
            {t('leads.recycleBin.restore')}
          </Button>
        ),
      });
    }
  }
  return columns;
}
