import { dayjs } from './dayjs';

export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/** Formats an ISO instant in the given IANA zone (the workspace's), or the browser's zone without one. */
export function formatDateTime(iso: string, timeZone?: string, format = DATE_TIME_FORMAT): string {
  const instant = dayjs(iso);
  if (!instant.isValid()) return iso;
  if (!timeZone) return instant.format(format);
  try {
    return instant.tz(timeZone).format(format);
  } catch {
    return instant.format(format);
  }
}

export function fromNow(iso: string): string {
  return dayjs(iso).fromNow();
}
