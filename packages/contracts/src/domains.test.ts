import { describe, expect, it } from 'vitest';
import { emailDomain, normaliseDomain } from './domains';

describe('normaliseDomain', () => {
  it.each([
    ['https://www.Acme.com/about', 'acme.com'],
    ['acme.com', 'acme.com'],
    ['  WWW.ACME.COM  ', 'acme.com'],
    ['http://user:pw@shop.acme.co.uk:8080/x?y#z', 'shop.acme.co.uk'],
    ['acme.com.', 'acme.com'],
    ['yunqi-tech.cn/products', 'yunqi-tech.cn'],
    ['中文网站.公司', '中文网站.公司'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseDomain(input)).toBe(expected);
  });

  it.each(['', '   ', 'acme', 'not a domain.com', '-acme.com', '10.0.0.1', 'https://', 'a..com'])(
    'refuses %j',
    (input) => {
      expect(normaliseDomain(input)).toBeNull();
    },
  );

  it('reads the domain of an email address', () => {
    expect(emailDomain('Bob@Mail.Acme.com')).toBe('mail.acme.com');
    expect(emailDomain('no-at-sign')).toBeNull();
    expect(emailDomain(null)).toBeNull();
  });
});
