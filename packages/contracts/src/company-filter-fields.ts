import type { FieldDefinition } from './fields';

/**
 * Lead filters can look at the lead's company: `company.name`, `company.size`, `company.<customKey>`, … with the
 * same operators and semantics as lead fields (a lead without a company has empty company values, so negative
 * operators match it). The filter catalogue is the lead catalogue plus these; the SQL compiler and the evaluator
 * recognise them by the prefix, which no lead field key can contain (custom keys are snake_case, built-ins
 * camelCase).
 */
export const COMPANY_FIELD_PREFIX = 'company.';

/** Built-in company fields a lead filter can use (real `companies` columns). */
export const COMPANY_FILTER_BUILT_INS: readonly string[] = ['name', 'domain', 'industry', 'size', 'region'];

export const isCompanyFilterKey = (key: string): boolean => key.startsWith(COMPANY_FIELD_PREFIX);

/** `company.size` → `size`. */
export const companyKeyOf = (filterKey: string): string => filterKey.slice(COMPANY_FIELD_PREFIX.length);

/**
 * The catalogue lead filters are validated and compiled with: the lead fields, then the company fields (the
 * filterable built-ins and every custom one, archived included so saved segments keep working) keyed
 * `company.<key>` and labelled "公司 · …" / "Company · …".
 */
export function leadFilterCatalog(
  leadFields: readonly FieldDefinition[],
  companyFields: readonly FieldDefinition[],
): FieldDefinition[] {
  const company = companyFields
    .filter((field) => !field.builtIn || COMPANY_FILTER_BUILT_INS.includes(field.key))
    .map((field) => ({
      ...field,
      key: `${COMPANY_FIELD_PREFIX}${field.key}`,
      label: { 'zh-CN': `公司 · ${field.label['zh-CN']}`, en: `Company · ${field.label.en}` },
    }));
  return [...leadFields, ...company];
}
