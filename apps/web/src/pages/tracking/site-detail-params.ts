import { ZAnalyticsQuery } from '@kindling/contracts/tracking';
import type { Dayjs } from 'dayjs';
import { z } from 'zod';
import type { DayRange } from '../../api/use-tracking';
import { useSearchParamsState } from '../../hooks/use-search-params-state';
import { useSession } from '../../session/session-context';
import { dayjs } from '../../time/dayjs';

export const SITE_TABS = ['analytics', 'install', 'verify', 'definitions', 'settings'] as const;
export type SiteTab = (typeof SITE_TABS)[number];

const DAY = 'YYYY-MM-DD';
const ZDayParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** The site page's state in the URL: the tab, and the analytics period (so a shared link shows the same numbers). */
const ZSiteDetailParams = z.object({
  tab: z.enum(SITE_TABS).optional().catch(undefined),
  from: ZDayParam,
  to: ZDayParam,
});

export function useSiteDetailParams() {
  return useSearchParamsState(ZSiteDetailParams);
}

/** Today in the workspace's time zone (the server counts days there too), as a calendar date. */
function todayIn(timeZone: string): Dayjs {
  let day: string;
  try {
    day = dayjs().tz(timeZone).format(DAY);
  } catch {
    day = dayjs().format(DAY);
  }
  return dayjs(day);
}

export type RangePreset = 'today' | 'last7' | 'last30' | 'thisMonth';

export function presetRanges(today: Dayjs): Record<RangePreset, [Dayjs, Dayjs]> {
  return {
    today: [today, today],
    last7: [today.subtract(6, 'day'), today],
    last30: [today.subtract(29, 'day'), today],
    thisMonth: [today.startOf('month'), today],
  };
}

export const toDay = (day: Dayjs) => day.format(DAY);

/** The analytics period from the URL, or the last 7 days when it is missing or not a valid period. */
export function useAnalyticsRange() {
  const timeZone = useSession().workspace.timeZone;
  const [params, setParams] = useSiteDetailParams();
  const today = todayIn(timeZone);
  const [from, to] = presetRanges(today).last7;
  const fallback: DayRange = { from: toDay(from), to: toDay(to) };
  const parsed = ZAnalyticsQuery.safeParse({ from: params.from, to: params.to });
  const range: DayRange = parsed.success ? parsed.data : fallback;
  const setRange = (next: DayRange) => setParams(next);
  return { range, setRange, today };
}
