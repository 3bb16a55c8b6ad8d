import { describe, expect, it } from 'vitest';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → value. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') leaves.set(path, value);
    else for (const [leaf, text] of flatten(value, path)) leaves.set(leaf, text);
  }
  return leaves;
}

const locales = { 'zh-CN': flatten(zhCN), en: flatten(en) };

describe('console locales', () => {
  it('have exactly the same keys', () => {
    expect([...locales.en.keys()].sort()).toEqual([...locales['zh-CN'].keys()].sort());
  });

  it.each(Object.entries(locales))('%s has no empty strings', (_name, leaves) => {
    const empty = [...leaves].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(Object.entries(locales))('%s uses the same interpolation variables as zh-CN', (name, leaves) => {
    const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const mismatched = [...leaves]
      .filter(
        ([key, text]) => JSON.stringify(variables(text)) !== JSON.stringify(variables(locales['zh-CN'].get(key) ?? '')),
      )
      .map(([key]) => `${name}:${key}`);
    expect(mismatched).toEqual([]);
  });
});
