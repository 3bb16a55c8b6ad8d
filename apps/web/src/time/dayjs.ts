import type { Locale } from '@kindling/contracts/auth';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

export function applyDayjsLocale(language: Locale): void {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
}

export { dayjs };
