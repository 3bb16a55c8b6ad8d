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

/** Types a workspace can give its own fields (`user` is the built-in owner only). */
export const CUSTOM_FIELD_TYPES = FIELD_TYPES.filter((t) => t !== 'user') as Exclude<FieldType, 'user'>[];
export const ZCustomFieldType = ZFieldType.exclude(['user']);
export type CustomFieldType = z.infer<typeof ZCustomFieldType>;

export const SELECT_FIELD_TYPES: readonly FieldType[] = ['single_select', 'multi_select'];
export const isSelectType = (type: FieldType): boolean => SELECT_FIELD_TYPES.includes(type);

const ZHelpText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z.string().trim().max(500).nullable(),
);

const ZOptionList = z
  .array(ZFieldOption.strict())
  .max(500)
  .superRefine((options, ctx) => {
    const seen = new Set<string>();
    options.forEach((option, i) => {
      if (seen.has(option.value)) {
        ctx.addIssue({ code: 'custom', path: [i, 'value'], message: `Duplicate option value "${option.value}"` });
      }
      seen.add(option.value);
    });
  });

export const ZCreateFieldBody = z
  .object({
    key: ZCustomFieldKey,
    label: ZLocalizedText.strict(),
    type: ZCustomFieldType,
    options: ZOptionList.default([]),
    required: z.boolean().default(false),
    unique: z.boolean().default(false),
    helpText: ZHelpText.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (isSelectType(body.type) && body.options.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select field needs at least one option' });
    }
  });
export type CreateFieldBody = z.input<typeof ZCreateFieldBody>;

export const ZUpdateFieldBody = z
  .object({
    label: ZLocalizedText.strict().optional(),
    type: ZCustomFieldType.optional(),
    options: ZOptionList.optional(),
    required: z.boolean().optional(),
    unique: z.boolean().optional(),
    helpText: ZHelpText.optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Nothing to update');
export type UpdateFieldBody = z.input<typeof ZUpdateFieldBody>;

export const ZFieldOrderBody = z
  .object({ keys: z.array(z.string().min(1).max(60)).min(1).max(1000) })
  .strict()
  .refine((b) => new Set(b.keys).size === b.keys.length, { path: ['keys'], message: 'Keys must not repeat' });
export type FieldOrderBody = z.input<typeof ZFieldOrderBody>;

export const ZFieldList = z.object({ items: z.array(ZFieldDefinition) });

/** What a field describes: leads (values in `leads.attributes`) or companies (`companies.attributes`). */
export const FIELD_ENTITIES = ['lead', 'company'] as const;
export const ZFieldEntity = z.enum(FIELD_ENTITIES);
export type FieldEntity = z.infer<typeof ZFieldEntity>;

/** `?entity=company` on the /fields routes; lead fields when absent. */
export const ZFieldEntityQuery = z.object({ entity: ZFieldEntity.default('lead') }).strict();
export type FieldList = z.infer<typeof ZFieldList>;
