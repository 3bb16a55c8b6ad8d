import type { Activity } from '@kindling/contracts/activities';
import type { EventDefinitionKind } from '@kindling/contracts/tracking';
import { Flex, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useEventDefinitions } from '../../api/use-tracking';
import { useCan } from '../../session/session-context';
import { formatDurationWords } from './analytics-format';

/**
 * Tracked web and mini-program events in the lead timeline: `web.<event name>` activities (properties
 * `{ url, path, title, durationMs?, props }`) and the `visitor_identified` that linked a visitor to the lead.
 */
const WEB_PREFIX = 'web.';
export const VISITOR_IDENTIFIED = 'visitor_identified';

/** Events the snippet itself sends; any other `web.<name>` is a defined click or a custom event. */
const STANDARD_WEB_EVENTS = ['page_view', 'click', 'form_submit', 'outbound_click', 'identify'] as const;
type StandardWebEvent = (typeof STANDARD_WEB_EVENTS)[number];
const isStandard = (name: string): name is StandardWebEvent =>
  (STANDARD_WEB_EVENTS as readonly string[]).includes(name);

export function isTrackedActivity(type: string): boolean {
  return type.startsWith(WEB_PREFIX) || type === VISITOR_IDENTIFIED;
}

/** Event name → its definition's label and kind. */
export type DefinitionsByName = ReadonlyMap<string, { label: string; kind: EventDefinitionKind }>;

/** The workspace's event definitions by name (empty for roles that cannot read tracking). */
export function useDefinitionsByName(): DefinitionsByName {
  const canRead = useCan('tracking:read');
  const definitions = useEventDefinitions({}, canRead);
  const items = definitions.data?.items;
  return useMemo(() => new Map((items ?? []).map((d) => [d.name, { label: d.label, kind: d.kind }])), [items]);
}

/** "浏览了页面", "点击了 预约演示按钮", "触发事件 download_whitepaper", "访客被识别"; undefined for other types. */
export function trackedActivityLabel(t: TFunction, type: string, definitions: DefinitionsByName): string | undefined {
  if (type === VISITOR_IDENTIFIED) return t('tracking.timeline.visitorIdentified');
  if (!type.startsWith(WEB_PREFIX)) return undefined;
  const name = type.slice(WEB_PREFIX.length);
  if (isStandard(name)) return t(`tracking.timeline.types.${name}`);
  const definition = definitions.get(name);
  if (definition?.kind === 'click') return t('tracking.timeline.clicked', { label: definition.label });
  return t('tracking.timeline.triggered', { name: definition?.label ?? name });
}

const ZTrackedProperties = z.object({
  url: z.string().nullish(),
  path: z.string().nullish(),
  title: z.string().nullish(),
  durationMs: z.number().nullish(),
  props: z.record(z.string(), z.unknown()).nullish(),
});

const ZIdentifiedProperties = z.object({
  via: z.enum(['identify', 'form', 'email_link', 'merge']).catch('identify'),
  eventsLinked: z.number().catch(0),
});

/** `key: value · key: value` — a few custom properties on one line. */
function compactProps(props: Record<string, unknown>): string {
  return Object.entries(props)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

/** One line of visitor-supplied text (a title, a URL, properties): plain text, never a link or markup. */
function Line({ text, mono = false, strong = false }: { text: string; mono?: boolean; strong?: boolean }) {
  return (
    <Typography.Text
      type={strong ? undefined : 'secondary'}
      className={mono ? 'mono' : undefined}
      ellipsis={{ tooltip: text }}
      style={{ fontSize: 13, maxWidth: '100%' }}
    >
      {text}
    </Typography.Text>
  );
}

/** The details of a tracked event: the page (title, URL as text, time spent), what was clicked or sent. */
export function TrackedActivityBody({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  if (activity.type === VISITOR_IDENTIFIED) {
    const { via, eventsLinked } = ZIdentifiedProperties.parse(activity.properties);
    return (
      <Typography.Text type="secondary">
        {t('tracking.timeline.identifiedDetail', { via: t(`tracking.timeline.via.${via}`), count: eventsLinked })}
      </Typography.Text>
    );
  }
  const parsed = ZTrackedProperties.safeParse(activity.properties);
  if (!parsed.success) return null;
  const { url, path, title, durationMs, props } = parsed.data;
  const name = activity.type.slice(WEB_PREFIX.length);
  const custom = props ? compactProps(props) : '';
  const where = url ?? path;
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Flex gap={8} align="center" wrap style={{ minWidth: 0 }}>
        {name === 'page_view' && <Line text={title || t('tracking.analytics.untitled')} strong />}
        {typeof durationMs === 'number' && (
          <Tag variant="filled">{t('tracking.timeline.stayed', { duration: formatDurationWords(t, durationMs) })}</Tag>
        )}
        {activity.source === 'miniprogram' && <Tag>{t('tracking.kinds.miniprogram')}</Tag>}
      </Flex>
      {name !== 'page_view' && custom && <Line text={custom} mono />}
      {name !== 'page_view' && title && <Line text={t('tracking.timeline.onPage', { title })} />}
      {where && <Line text={where} mono />}
    </Flex>
  );
}

/** A tracked activity type's name, with the definition's label when the reader may see definitions. */
export function TrackedActivityName({ type }: { type: string }) {
  const { t } = useTranslation();
  const definitions = useDefinitionsByName();
  return <>{trackedActivityLabel(t, type, definitions) ?? type}</>;
}
