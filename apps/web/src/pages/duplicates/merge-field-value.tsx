import type { FieldDefinition } from '@kindling/contracts/fields';
import type { MergeFieldRow, MergeSide } from '@kindling/contracts/lead-merge';
import { ZLeadSource } from '@kindling/contracts/leads';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language';
import { CustomFieldValue, localized } from '../leads/custom-fields';
import { LeadSourceTag } from '../leads/lead-source-tag';

/** Built-in merge fields labelled by `leads.fields.<key>`; owner and company record have their own labels. */
const LEAD_FIELD_LABELS = [
  'name',
  'email',
  'phone',
  'companyName',
  'jobTitle',
  'industry',
  'province',
  'city',
  'source',
  'wechatOpenid',
  'wechatUnionid',
] as const;
type LabelledField = (typeof LEAD_FIELD_LABELS)[number];
const isLabelledField = (key: string): key is LabelledField => (LEAD_FIELD_LABELS as readonly string[]).includes(key);

/** A merge row's field name in the current language. */
export function MergeFieldLabel({ row, field }: { row: MergeFieldRow; field: FieldDefinition | undefined }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  if (!row.builtIn) return field ? localized(field.label, language) : row.key;
  if (row.key === 'ownerId') return t('leads.fields.owner');
  if (row.key === 'companyId') return t('duplicates.mergeModal.companyRecord');
  return isLabelledField(row.key) ? t(`leads.fields.${row.key}`) : row.key;
}

const empty = (value: unknown) => value === null || value === undefined || value === '';

/** One side's value of a merge row, shown as the lead's page shows it. */
export function MergeFieldValue({
  row,
  side,
  field,
}: {
  row: MergeFieldRow;
  side: MergeSide;
  field: FieldDefinition | undefined;
}): ReactNode {
  const value = row[side];
  const text = side === 'primary' ? row.primaryText : row.secondaryText;
  if (empty(value)) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!row.builtIn) {
    return field ? <CustomFieldValue field={field} value={value} /> : JSON.stringify(value);
  }
  if (row.key === 'source') {
    const source = ZLeadSource.safeParse(value);
    if (source.success) return <LeadSourceTag source={source.data} />;
  }
  return text ?? String(value);
}
