import { z } from 'zod';

/** Field types shared by built-in and custom lead fields (PRODUCT 2.1). */
export const FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'date',
  'datetime',
  'single_select',
  'multi_select',
  'boolean',
  'email',
  'phone',
  'url',
  /** A workspace member (lead owner). Built-in only. */
  'user',
] as const;
export const ZFieldType = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof ZFieldType>;

export const ZLocalizedText = z.object({
  'zh-CN': z.string().trim().min(1).max(100),
  en: z.string().trim().min(1).max(100),
});
export type LocalizedText = z.infer<typeof ZLocalizedText>;

export const ZFieldOption = z.object({
  value: z.string().trim().min(1).max(100),
  label: ZLocalizedText,
});
export type FieldOption = z.infer<typeof ZFieldOption>;

/**
 * Custom field keys: lower snake case, so they are safe as JSON keys and readable in exports and the API
 * (`attributes.<key>`). They can never collide with built-in field keys (camelCase).
 */
export const ZCustomFieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'Use 2–40 lower-case letters, digits or _, starting with a letter');

/**
 * One definition model for built-in and custom fields. Built-in fields live in real columns of `leads`
 * (`key` is the camelCase API name, e.g. `companyName`); custom fields live in `leads.attributes` (jsonb) under
 * their key. The filter language, the list's columns, import mapping and forms all read this catalogue.
 */
export const ZFieldDefinition = z.object({
  key: z.string(),
  label: ZLocalizedText,
  type: ZFieldType,
  options: z.array(ZFieldOption),
  required: z.boolean(),
  unique: z.boolean(),
  helpText: z.string().nullable(),
  builtIn: z.boolean(),
  archived: z.boolean(),
  position: z.number().int(),
});
export type FieldDefinition = z.infer<typeof ZFieldDefinition>;
