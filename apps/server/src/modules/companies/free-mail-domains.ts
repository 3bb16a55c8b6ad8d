/**
 * Public mailbox providers: an address at one of these says nothing about the person's employer, so company
 * matching ignores its domain (and never creates a company "qq.com"). Chinese providers first, then international.
 */
const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // China
  'qq.com',
  'vip.qq.com',
  'foxmail.com',
  '163.com',
  'vip.163.com',
  '126.com',
  'vip.126.com',
  'yeah.net',
  '188.com',
  '139.com',
  '189.cn',
  'wo.cn',
  'sina.com',
  'sina.cn',
  'vip.sina.com',
  'sohu.com',
  'vip.sohu.com',
  'aliyun.com',
  'tom.com',
  '21cn.com',
  // International
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'yahoo.com.hk',
  'yahoo.co.jp',
  'icloud.com',
  'me.com',
  'mac.com',
  'protonmail.com',
  'proton.me',
  'aol.com',
  'gmx.com',
  'gmx.de',
  'mail.com',
  'yandex.com',
  'yandex.ru',
  'zoho.com',
  'hey.com',
]);

/** Is `domain` (normalised, see contracts/domains.ts) a public mailbox provider? */
export const isFreeMailDomain = (domain: string): boolean => FREE_MAIL_DOMAINS.has(domain);
