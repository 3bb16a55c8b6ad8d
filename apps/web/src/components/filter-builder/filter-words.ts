import type { FieldDefinition } from '@kindling/contracts/fields';
import { catalogIndex, type BehaviourCondition, type PropertyPredicate } from '@kindling/contracts/filters';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../../api/use-members';
import { useLanguage } from '../../i18n/use-language';
import { localized } from '../../pages/leads/custom-fields';
import type { SummaryWords } from './filter-summary';

/** Every operator of the contract's registry; the console has a name for each (`filters.operators.<op>`). */
const OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'in_list',
  'not_in_list',
  'is_empty',
  'is_not_empty',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'before',
  'after',
  'within_last_days',
  'more_than_days_ago',
  'has_any',
  'has_all',
  'has_none',
  'is_true',
  'is_false',
] as const;
type KnownOperator = (typeof OPERATORS)[number];
const isKnownOperator = (op: string): op is KnownOperator => (OPERATORS as readonly string[]).includes(op);

/** Activity types the console knows (others can be typed in freely). */
export const KNOWN_ACTIVITY_TYPES = [
  'lead_created',
  'lead_updated',
  'note_added',
  'lead_assigned',
  'page_viewed',
  'form_submitted',
  'email_opened',
  'email_clicked',
] as const;
type KnownActivity = (typeof KNOWN_ACTIVITY_TYPES)[number];
const isKnownActivity = (type: string): type is KnownActivity =>
  (KNOWN_ACTIVITY_TYPES as readonly string[]).includes(type);

/** A behaviour's short name ("浏览页面"), for the types the console knows; undefined for others. */
export function behaviourName(t: TFunction, type: string): string | undefined {
  return isKnownActivity(type) ? t(`filters.activityTypes.${type}`) : undefined;
}

export interface FilterWords extends SummaryWords {
  activity: (type: string) => string;
}

/** Field, operator, option, member and activity names in the current language, for editors and summaries. */
export function useFilterWords(catalog: readonly FieldDefinition[]): FilterWords {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const members = useMembers();

  return useMemo(() => {
    const fields = catalogIndex(catalog);
    const memberNames = new Map((members.data ?? []).map((m) => [m.userId, m.name]));
    const activity = (type: string) => behaviourName(t, type) ?? type;
    const value = (key: string, raw: unknown): string => {
      const def = fields.get(key);
      if (def?.type === 'user' && typeof raw === 'string') return memberNames.get(raw) ?? raw;
      const option = def?.options.find((o) => o.value === raw);
      return option ? localized(option.label, language) : String(raw);
    };
    const property = (p: PropertyPredicate) => {
      const operator = t(`propertyFilter.operators.${p.operator}`);
      if (p.value === undefined) return `${p.path} ${operator}`;
      const value =
        typeof p.value === 'boolean' ? t(p.value ? 'propertyFilter.true' : 'propertyFilter.false') : p.value;
      return `${p.path} ${operator} ${value}`;
    };
    const behaviour = (c: BehaviourCondition) => {
      const sentence = t('filters.behaviour.summary', {
        activity: activity(c.activityType),
        comparison: c.comparison === 'at_least' ? t('filters.behaviour.atLeast') : t('filters.behaviour.atMost'),
        count: c.count,
        days: c.withinDays,
      });
      if (!c.properties?.length) return sentence;
      const conditions = c.properties.map(property).join(` ${t('filters.and')} `);
      return `${sentence}${t('propertyFilter.summary', { conditions })}`;
    };
    return {
      and: t('filters.and'),
      or: t('filters.or'),
      not: t('filters.not'),
      everything: t('filters.all'),
      field: (key) => {
        const def = fields.get(key);
        return def ? localized(def.label, language) : key;
      },
      operator: (op) => (isKnownOperator(op) ? t(`filters.operators.${op}`) : op),
      value,
      behaviour,
      activity,
    };
  }, [catalog, members.data, language, t]);
}
