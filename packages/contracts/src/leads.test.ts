import { describe, expect, it } from 'vitest';
import { ZCreateLeadBody, ZEmailField, ZPhoneField, ZUpdateLeadBody } from './leads';

describe('lead field normalisation', () => {
  it.each([
    ['13800138000', '+8613800138000'],
    ['138-0013-8000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['010 6552 9988', '+861065529988'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('phone %s → %s', (input, expected) => {
    expect(ZPhoneField.parse(input)).toBe(expected);
  });

  it.each(['12', 'abc', '+86 1380', '1'.repeat(41)])('rejects phone %s', (input) => {
    expect(ZPhoneField.safeParse(input).success).toBe(false);
  });

  it('lower-cases and trims email, and treats blank as cleared', () => {
    expect(ZEmailField.parse('  Zhang.San@Example.COM ')).toBe('zhang.san@example.com');
    expect(ZEmailField.parse('')).toBeNull();
    expect(ZPhoneField.parse('   ')).toBeNull();
    expect(ZEmailField.safeParse('zhang@').success).toBe(false);
  });

  it('requires a name on create, not on update, and refuses unknown or empty updates', () => {
    expect(ZCreateLeadBody.safeParse({ email: 'a@b.co' }).success).toBe(false);
    expect(ZUpdateLeadBody.safeParse({ email: 'a@b.co' }).success).toBe(true);
    expect(ZUpdateLeadBody.safeParse({}).success).toBe(false);
    expect(ZUpdateLeadBody.safeParse({ score: 5 }).success).toBe(false);
  });
});
