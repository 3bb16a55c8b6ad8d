import type { TFunction } from 'i18next';

/** Whole seconds of a duration, split into hours, minutes and seconds. */
function splitDuration(ms: number) {
  const total = Math.max(0, Math.round(ms / 1000));
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

/** `1:23`, `12:05`, `1:02:03` — the average time on page of the analytics screen. */
export function formatClock(ms: number): string {
  const { hours, minutes, seconds } = splitDuration(ms);
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** "1分23秒" / "1 min 23 s" — a time on page in words (the lead timeline). */
export function formatDurationWords(t: TFunction, ms: number): string {
  const { hours, minutes, seconds } = splitDuration(ms);
  if (hours > 0) return t('tracking.duration.hoursMinutes', { hours, minutes });
  if (minutes > 0) return t('tracking.duration.minutesSeconds', { minutes, seconds });
  return t('tracking.duration.seconds', { seconds });
}

/** ua-parser device types the console names; others show as reported, a blank one as 未知. */
const DEVICE_TYPES = ['desktop', 'mobile', 'tablet', 'console', 'smarttv', 'wearable', 'embedded'] as const;
const isKnownDevice = (type: string): type is (typeof DEVICE_TYPES)[number] =>
  (DEVICE_TYPES as readonly string[]).includes(type);

export function deviceLabel(t: TFunction, type: string | null): string {
  if (!type) return t('tracking.analytics.unknown');
  return isKnownDevice(type) ? t(`tracking.devices.${type}`) : type;
}
