import { LEAD_OPTIONAL_TEXT_FIELDS } from '@kindling/contracts/leads';
import { ACTIVITY_TYPES, type Activity, type ActivityType } from '@kindling/contracts/activities';
import { ZCompanyRef } from '@kindling/contracts/companies';
import { ZLeadSource } from '@kindling/contracts/leads';
import { Flex, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useFieldCatalog } from '../../api/use-fields';
import { DateTime } from '../../components/date-time';
import { useLanguage } from '../../i18n/use-language';
import {
  isTrackedActivity,
  TrackedActivityBody,
  TrackedActivityName,
  trackedActivityLabel,
} from '../tracking/tracked-activity';
import { localized } from './custom-fields';
import { ImportedFrom } from './import/imported-from';

function isKnownType(type: string): type is ActivityType {
  return (ACTIVITY_TYPES as readonly string[]).includes(type);
}

export const ACTIVITY_COLORS: Record<ActivityType, string> = {
  lead_created: 'green',
  lead_updated: 'blue',
  lead_deleted: 'red',
  lead_restored: 'green',
  lead_assigned: '#ff6a00',
  note_added: 'gray',
  lead_imported: 'green',
  'lead.merged': 'purple',
};

/** Tracked web and mini-program behaviour, apart from what people did to the lead record. */
const TRACKED_COLOR = '#13c2c2';

export function activityColor(type: string): string {
  if (isKnownType(type)) return ACTIVITY_COLORS[type];
  return isTrackedActivity(type) ? TRACKED_COLOR : 'gray';
}

const LEAD_FIELDS = ['name', ...LEAD_OPTIONAL_TEXT_FIELDS, 'source', 'ownerId', 'ownerName'] as const;
type LeadField = (typeof LEAD_FIELDS)[number];
const isLeadField = (field: string): field is LeadField => (LEAD_FIELDS as readonly string[]).includes(field);

const ZChange = z.object({ from: z.unknown(), to: z.unknown() });
const ZChanges = z.record(z.string(), ZChange);

/** Resolves a user id (lead owner) to a display name, when the id is a member of the workspace. */
export type NameOf = (userId: string) => string | undefined;

/** Custom field key → its label in the current language ("attributes.<key>" in a change list). */
type CustomLabelOf = (key: string) => string | undefined;

function fieldLabel(t: TFunction, field: string, customLabelOf: CustomLabelOf): string {
  if (field.startsWith('attributes.')) {
    const key = field.slice('attributes.'.length);
    return customLabelOf(key) ?? key;
  }
  if (field === 'companyId') return t('companies.leadField.label');
  if (!isLeadField(field)) return field;
  return field === 'ownerId' || field === 'ownerName' ? t('leads.fields.owner') : t(`leads.fields.${field}`);
}

function valueText(t: TFunction, field: string, value: unknown, nameOf: NameOf): string {
  if (value === null || value === undefined || value === '') return t('activities.emptyValue');
  if (field === 'source') {
    const source = ZLeadSource.safeParse(value);
    if (source.success) return t(`leads.sources.${source.data}`);
  }
  if (field === 'ownerId' && typeof value === 'string') return nameOf(value) ?? value;
  // The linked company is recorded as {id, name}.
  const company = ZCompanyRef.safeParse(value);
  if (company.success) return company.data.name;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function ChangeList({ changes, nameOf }: { changes: z.infer<typeof ZChanges>; nameOf: NameOf }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const catalog = useFieldCatalog();
  const customLabelOf: CustomLabelOf = (key) => {
    const field = catalog.data?.find((f) => f.key === key && !f.builtIn);
    return field ? localized(field.label, language) : undefined;
  };
  return (
    <Flex vertical gap={2}>
      {Object.entries(changes).map(([field, { from, to }]) => (
        <Typography.Text key={field} style={{ fontSize: 13 }}>
          <Typography.Text type="secondary">{fieldLabel(t, field, customLabelOf)}: </Typography.Text>
          <Typography.Text delete type="secondary">
            {valueText(t, field, from, nameOf)}
          </Typography.Text>
          {' → '}
          {valueText(t, field, to, nameOf)}
        </Typography.Text>
      ))}
    </Flex>
  );
}

function ActivityBody({ activity, nameOf }: { activity: Activity; nameOf: NameOf }): ReactNode {
  const { t } = useTranslation();
  const { properties } = activity;
  switch (activity.type) {
    case 'lead_updated': {
      const changes = ZChanges.safeParse(properties.changes);
      return changes.success ? <ChangeList changes={changes.data} nameOf={nameOf} /> : null;
    }
    case 'lead_created': {
      const source = ZLeadSource.safeParse(properties.source);
      return source.success ? (
        <Typography.Text type="secondary">
          {t('activities.createdFrom', { source: t(`leads.sources.${source.data}`) })}
        </Typography.Text>
      ) : null;
    }
    case 'lead_assigned': {
      // properties: { from, to } owner user ids
      const change = ZChange.safeParse(properties);
      return change.success ? <ChangeList changes={{ ownerId: change.data }} nameOf={nameOf} /> : null;
    }
    case 'lead.merged': {
      // properties: { mergedLeadName, movedActivities, fields: { field: { from, to } } } (duplicates/merge.ts)
      const fields = ZChanges.safeParse(properties.fields);
      const taken = fields.success && Object.keys(fields.data).length > 0 ? fields.data : null;
      return (
        <Flex vertical gap={2}>
          <Typography.Text type="secondary">
            {t('duplicates.timeline.summary', {
              name: typeof properties.mergedLeadName === 'string' ? properties.mergedLeadName : '—',
              count: typeof properties.movedActivities === 'number' ? properties.movedActivities : 0,
            })}
          </Typography.Text>
          {taken && (
            <>
              <Typography.Text type="secondary">{t('duplicates.timeline.fields')}</Typography.Text>
              <ChangeList changes={taken} nameOf={nameOf} />
            </>
          )}
        </Flex>
      );
    }
    case 'lead_imported':
      return <ImportedFrom properties={properties} />;
    case 'note_added':
      return typeof properties.body === 'string' ? (
        <Typography.Paragraph
          className="pre-wrap"
          style={{ margin: 0, padding: '8px 12px', background: '#fafafa', borderRadius: 6 }}
        >
          {properties.body}
        </Typography.Paragraph>
      ) : null;
    default:
      if (isTrackedActivity(activity.type)) return <TrackedActivityBody activity={activity} />;
      // Types from later modules: show their raw properties rather than nothing.
      return !isKnownType(activity.type) && Object.keys(properties).length > 0 ? (
        <Typography.Text type="secondary" className="mono pre-wrap">
          {JSON.stringify(properties)}
        </Typography.Text>
      ) : null;
  }
}

/** An activity type's name in the current language; types from later modules show as they are named. */
export function activityTypeLabel(t: TFunction, type: string): string {
  if (isKnownType(type)) return t(`activities.types.${type}`);
  return trackedActivityLabel(t, type, new Map()) ?? type;
}

/** An activity type's name as a component: tracked events also look up their definition's label. */
export function ActivityTypeName({ type }: { type: string }) {
  const { t } = useTranslation();
  return isTrackedActivity(type) ? <TrackedActivityName type={type} /> : <>{activityTypeLabel(t, type)}</>;
}

export function ActivityEntry({ activity, nameOf }: { activity: Activity; nameOf: NameOf }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4}>
      <Flex justify="space-between" gap={12} wrap>
        <Typography.Text strong>
          <ActivityTypeName type={activity.type} />
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {activity.actor ? activity.actor.name : t('activities.system')}
          {' · '}
          <DateTime value={activity.occurredAt} />
        </Typography.Text>
      </Flex>
      <ActivityBody activity={activity} nameOf={nameOf} />
    </Flex>
  );
}
