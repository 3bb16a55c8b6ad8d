import { sql, type SQL } from 'drizzle-orm';

/*
 * The comparison keys of duplicate detection, as SQL expressions, so the database computes them where the rows
 * are (set-based, no row leaves PostgreSQL just to be compared). Everything here is constant SQL text around the
 * given expression: no user value is ever spliced in.
 */

/**
 * An email as its mailbox: lower-case, the `+tag` of the local part dropped, and for Gmail (gmail.com and its
 * alias googlemail.com, which ignore dots) the dots dropped too. NULL when no local part is left.
 */
export function normalisedEmailSql(email: SQL): SQL {
  const lowered = sql`lower(${email})`;
  const local = sql`split_part(split_part(${lowered}, '@', 1), '+', 1)`;
  const domain = sql`split_part(${lowered}, '@', 2)`;
  return sql`(case when ${domain} in ('gmail.com', 'googlemail.com')
    then nullif(replace(${local}, '.', ''), '') || '@gmail.com'
    else nullif(${local}, '') || '@' || ${domain} end)`;
}

/**
 * A person's or company's name for comparison: NFKC turns full-width letters, digits and punctuation (and the
 * ideographic space) into their ASCII forms, then case is folded and every space and punctuation mark — ASCII,
 * and the CJK marks NFKC leaves alone (·、。「」…) — is removed. "Zhang San", "zhang-san" and "ＺＨＡＮＧ\u3000ＳＡＮ"
 * all become "zhangsan"; "腾讯（深圳）" and "腾讯 深圳" become "腾讯深圳". NULL when nothing is left.
 */
export function normalisedNameSql(name: SQL): SQL {
  return sql`nullif(regexp_replace(lower(normalize(${name}, NFKC)),
    '[[:space:][:punct:]·・‧•。，、；：？！“”‘’（）【】《》〈〉「」『』〔〕—–…～]+', '', 'g'), '')`;
}
