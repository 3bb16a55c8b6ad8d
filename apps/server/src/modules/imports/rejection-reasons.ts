/** What is wrong with one value of a row. */
export type ValueProblem =
  | 'email'
  | 'phone'
  | 'number'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'url'
  | 'option'
  | 'too_long'
  | 'member'
  | 'ambiguous_member'
  | 'text';

/** Why a row was not imported; rendered into the error report in the importer's language. */
export type RejectionReason =
  | { code: 'unclosed_quote' }
  | { code: 'row_too_long' }
  | { code: 'malformed_row' }
  | { code: 'column_count'; cells: number; expected: number }
  | { code: 'cell_too_long'; column: string }
  | { code: 'no_identity' }
  | { code: 'invalid_value'; column: string; problem: ValueProblem; value: string; max?: number }
  | { code: 'required'; column: string }
  | { code: 'email_taken'; column: string }
  | { code: 'value_taken'; column: string };

export type ReportLanguage = 'zh-CN' | 'en';

/** Every cell is capped: a longer one rejects its row (it never reaches the database or memory twice). */
export const MAX_CELL_CHARS = 10_000;

const VALUE_PROBLEMS: Record<ReportLanguage, Record<ValueProblem, string>> = {
  'zh-CN': {
    email: '邮箱格式不正确',
    phone: '手机号格式不正确',
    number: '不是有效的数字',
    date: '不是有效的日期（如 2024-03-05 或 2024/3/5）',
    datetime: '不是有效的日期时间（如 2024-03-05 14:30）',
    boolean: '应为 是/否、yes/no、true/false 或 1/0',
    url: '不是有效的 http(s) 网址',
    option: '不是该字段的可选项',
    too_long: '内容过长',
    member: '不是工作区成员（请填写成员的邮箱或姓名）',
    ambiguous_member: '有多位成员同名，请改填成员邮箱',
    text: '内容无法识别',
  },
  en: {
    email: 'invalid email address',
    phone: 'invalid phone number',
    number: 'not a number',
    date: 'not a date (e.g. 2024-03-05 or 2024/3/5)',
    datetime: 'not a date and time (e.g. 2024-03-05 14:30)',
    boolean: 'expected yes/no, true/false, 1/0 or 是/否',
    url: 'not an http(s) URL',
    option: 'not one of the options of this field',
    too_long: 'too long',
    member: 'not a member of the workspace (use their email or name)',
    ambiguous_member: 'several members have this name; use their email',
    text: 'unreadable value',
  },
};

function quoteValue(value: string, language: ReportLanguage): string {
  const shown = value.length > 50 ? `${value.slice(0, 50)}…` : value;
  return language === 'zh-CN' ? `“${shown}”` : `"${shown}"`;
}

export function describeRejection(reason: RejectionReason, language: ReportLanguage): string {
  const zh = language === 'zh-CN';
  switch (reason.code) {
    case 'unclosed_quote':
      return zh ? 'CSV 格式错误：引号未闭合，本行无法读取' : 'Broken CSV row: a quote is never closed';
    case 'row_too_long':
      return zh ? '本行过长，无法读取' : 'Row too long to read';
    case 'malformed_row':
      return zh ? 'CSV 格式错误，本行无法读取' : 'Broken CSV row';
    case 'column_count':
      return zh
        ? `列数不符：本行有 ${reason.cells} 列，表头有 ${reason.expected} 列`
        : `Wrong number of cells: ${reason.cells}, the header has ${reason.expected}`;
    case 'cell_too_long':
      return zh
        ? `${reason.column}：内容超过 ${MAX_CELL_CHARS} 个字符`
        : `${reason.column}: longer than ${MAX_CELL_CHARS} characters`;
    case 'no_identity':
      return zh
        ? '姓名、邮箱、手机号、微信 OpenID 至少填写一项'
        : 'Needs at least one of name, email, phone or WeChat OpenID';
    case 'invalid_value': {
      const problem =
        reason.problem === 'too_long' && reason.max
          ? zh
            ? `超过 ${reason.max} 个字符`
            : `longer than ${reason.max} characters`
          : VALUE_PROBLEMS[language][reason.problem];
      const value = reason.problem === 'too_long' ? '' : ` ${quoteValue(reason.value, language)}`;
      return zh ? `${reason.column}：${problem}${value}` : `${reason.column}: ${problem}${value}`;
    }
    case 'required':
      return zh ? `${reason.column}：必填` : `${reason.column}: required`;
    case 'email_taken':
      return zh
        ? `${reason.column}：该邮箱已属于另一条潜客`
        : `${reason.column}: this email already belongs to another lead`;
    case 'value_taken':
      return zh
        ? `${reason.column}：该值已被另一条潜客使用（字段要求唯一）`
        : `${reason.column}: another lead already has this value (the field is unique)`;
  }
}

/** Several reasons of one row, in one cell of the report. */
export function describeRejections(reasons: RejectionReason[], language: ReportLanguage): string {
  return reasons.map((r) => describeRejection(r, language)).join(language === 'zh-CN' ? '；' : '; ');
}
