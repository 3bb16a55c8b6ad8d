import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/locales/en';
import { zhCN } from '../../i18n/locales/zh-CN';
import { deviceLabel, formatClock, formatDurationWords } from './analytics-format';

const translator = async (lng: 'zh-CN' | 'en') => {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
};

describe('tracking numbers as the console shows them', () => {
  it('shows the average time on page as m:ss, with hours when it takes that long', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(83_400)).toBe('1:23');
    expect(formatClock(12 * 60_000 + 5_000)).toBe('12:05');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });

  it('says how long a lead stayed on a page in words, in both languages', async () => {
    const zh = await translator('zh-CN');
    const english = await translator('en');
    expect(formatDurationWords(zh, 83_000)).toBe('1分23秒');
    expect(formatDurationWords(zh, 4_600)).toBe('5秒');
    expect(formatDurationWords(zh, 2 * 3_600_000 + 5 * 60_000)).toBe('2小时5分');
    expect(formatDurationWords(english, 83_000)).toBe('1 min 23 s');
  });

  it('names device types it knows and keeps others as reported', async () => {
    const zh = await translator('zh-CN');
    expect(deviceLabel(zh, 'mobile')).toBe('手机');
    expect(deviceLabel(zh, null)).toBe('未知');
    expect(deviceLabel(zh, 'fridge')).toBe('fridge');
  });
});
