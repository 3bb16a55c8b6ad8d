import type { zhCN } from './locales/zh-CN';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The shape every locale must have: exactly zh-CN's key tree, with string leaves. */
export type LocaleResource = Strings<typeof zhCN>;
