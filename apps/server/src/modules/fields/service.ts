import type { ErrorDetail } from '@kindling/contracts/errors';
import {
  isSelectType,
  type CustomFieldType,
  type FieldDefinition,
  type FieldEntity,
  type FieldOption,
  type LocalizedText,
} from '@kindling/contracts/fields';
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { conflict, invalid, notFound, uniqueViolation } from '../../platform/http/errors';
import { builtInFields, isBuiltInFieldKey } from './builtin';
import { fieldDefinitions } from './schema';
import { VALUE_STORES } from './value-stores';
import { normaliseValue, typeName } from './values';

type FieldRow = typeof fieldDefinitions.$inferSelect;

export interface CreateFieldInput {
  key: string;
  label: LocalizedText;
  type: CustomFieldType;
  options: FieldOption[];
  required: boolean;
  unique: boolean;
  helpText?: string | null | undefined;
}

export interface UpdateFieldInput {
  label?: LocalizedText | undefined;
  type?: CustomFieldType | undefined;
  options?: FieldOption[] | undefined;
  required?: boolean | undefined;
  unique?: boolean | undefined;
  helpText?: string | null | undefined;
}

function toDefinition(row: FieldRow): FieldDefinition {
  return {
    key: row.key,
    label: row.label,
    type: row.type,
    options: isSelectType(row.type) ? row.options : [],
    required: row.required,
    unique: row.uniqueValues,
    helpText: row.helpText,
    builtIn: false,
    archived: row.archivedAt !== null,
    position: row.position,
  };
}

/** Every query on definitions is scoped to one entity: lead and company fields are separate catalogues. */
const ofEntity = (ctx: ServiceContext, entity: FieldEntity) =>
  and(eq(fieldDefinitions.workspaceId, ctx.workspaceId), eq(fieldDefinitions.entity, entity));

async function customRows(tx: Db, ctx: ServiceContext, entity: FieldEntity): Promise<FieldRow[]> {
  return tx
    .select()
    .from(fieldDefinitions)
    .where(ofEntity(ctx, entity))
    .orderBy(asc(fieldDefinitions.position), asc(fieldDefinitions.createdAt), asc(fieldDefinitions.id));
}

/** Every field of an entity (leads by default): built-in first, then custom ones by position (archived included). */
export async function getFieldCatalog(
  tx: Db,
  ctx: ServiceContext,
  entity: FieldEntity = 'lead',
): Promise<FieldDefinition[]> {
  return [...builtInFields(entity), ...(await customRows(tx, ctx, entity)).map(toDefinition)];
}

function refuseBuiltIn(key: string, entity: FieldEntity): void {
  if (isBuiltInFieldKey(key, entity)) {
    throw invalid(
      [{ path: 'params.key', message: 'Built-in fields cannot be changed or archived' }],
      'Built-in fields cannot be changed or archived',
    );
  }
}

async function findRow(tx: Db, ctx: ServiceContext, key: string, entity: FieldEntity): Promise<FieldRow> {
  refuseBuiltIn(key, entity);
  const [row] = await tx
    .select()
    .from(fieldDefinitions)
    .where(and(ofEntity(ctx, entity), eq(fieldDefinitions.key, key)));
  if (!row) throw notFound('Field');
  return row;
}

export async function createField(
  tx: Db,
  ctx: ServiceContext,
  input: CreateFieldInput,
  entity: FieldEntity = 'lead',
): Promise<FieldDefinition> {
  if (isBuiltInFieldKey(input.key, entity)) {
    throw conflict('A built-in field already uses this key', [
      { path: 'body.key', message: 'A built-in field already uses this key' },
    ]);
  }
  const [last] = await tx
    .select({ max: sql<number | null>`max(${fieldDefinitions.position})` })
    .from(fieldDefinitions)
    .where(ofEntity(ctx, entity));
  const [row] = await tx
    .insert(fieldDefinitions)
    .values({
      workspaceId: ctx.workspaceId,
      entity,
      key: input.key,
      label: input.label,
      type: input.type,
      options: isSelectType(input.type) ? input.options : [],
      required: input.required,
      uniqueValues: input.unique,
      helpText: input.helpText ?? null,
      position: (last?.max ?? -1) + 1,
    })
    .returning()
    .catch((error: unknown) => {
      if (uniqueViolation(error) === 'field_definitions_workspace_entity_key_key') {
        throw conflict('A field with this key already exists', [
          { path: 'body.key', message: 'A field with this key already exists' },
        ]);
      }
      throw error;
    });
  if (!row) throw new Error('field insert returned nothing');
  await recordAudit(tx, ctx, {
    action: 'fields.created',
    targetType: 'field',
    targetId: row.key,
    details: { key: row.key, entity, type: row.type, label: row.label },
  });
  return toDefinition(row);
}

/**
 * Edits a custom field. A new type (or a narrower option list) is checked against every stored value first:
 * if any would not convert the change is refused with the count; otherwise the values are converted here, in the
 * caller's transaction, together with the definition.
 */
export async function updateField(
  tx: Db,
  ctx: ServiceContext,
  key: string,
  input: UpdateFieldInput,
  entity: FieldEntity = 'lead',
): Promise<FieldDefinition> {
  const before = await findRow(tx, ctx, key, entity);
  const store = VALUE_STORES[entity];
  const type = input.type ?? before.type;
  const options = isSelectType(type) ? (input.options ?? (isSelectType(before.type) ? before.options : [])) : [];
  if (isSelectType(type) && options.length === 0) {
    throw invalid([{ path: 'body.options', message: 'A select field needs at least one option' }]);
  }
  const typeChanged = type !== before.type;
  const removedOptions = isSelectType(before.type)
    ? before.options.filter((o) => !options.some((n) => n.value === o.value)).map((o) => o.value)
    : [];

  let converted = 0;
  if (typeChanged || removedOptions.length > 0) {
    const target = { type, options };
    const rewrites: { id: string; value: unknown }[] = [];
    let failures = 0;
    for (const { id, value } of await store.storedValues(tx, ctx, key)) {
      const result = normaliseValue(target, value, 'convert');
      if (!result.ok) failures += 1;
      else if (JSON.stringify(result.value) !== JSON.stringify(value)) rewrites.push({ id, value: result.value });
    }
    if (failures > 0) {
      const detail: ErrorDetail = typeChanged
        ? { path: 'body.type', message: `${store.countOf(failures)} values that are not ${typeName(type)}` }
        : {
            path: 'body.options',
            message: `${store.countOf(failures)} values using the removed options: ${removedOptions.join(', ')}`,
          };
      throw conflict(detail.message, [detail]);
    }
    await store.rewrite(tx, ctx, key, rewrites);
    converted = rewrites.length;
  }

  const set: Partial<typeof fieldDefinitions.$inferInsert> = { type, options };
  if (input.label !== undefined) set.label = input.label;
  if (input.required !== undefined) set.required = input.required;
  if (input.unique !== undefined) set.uniqueValues = input.unique;
  if (input.helpText !== undefined) set.helpText = input.helpText;
  const [row] = await tx
    .update(fieldDefinitions)
    .set(set)
    .where(and(eq(fieldDefinitions.workspaceId, ctx.workspaceId), eq(fieldDefinitions.id, before.id)))
    .returning();
  if (!row) throw notFound('Field');

  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const compare: [string, unknown, unknown][] = [
    ['label', before.label, row.label],
    ['type', before.type, row.type],
    ['options', before.options, row.options],
    ['required', before.required, row.required],
    ['unique', before.uniqueValues, row.uniqueValues],
    ['helpText', before.helpText, row.helpText],
  ];
  for (const [name, from, to] of compare) {
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[name] = { from, to };
  }
  if (Object.keys(changes).length > 0) {
    await recordAudit(tx, ctx, {
      action: 'fields.updated',
      targetType: 'field',
      targetId: key,
      details: {
        key,
        entity,
        changes,
        ...(converted > 0 ? { [store.convertedKey]: converted } : {}),
      },
    });
  }
  return toDefinition(row);
}

async function setArchived(
  tx: Db,
  ctx: ServiceContext,
  key: string,
  archived: boolean,
  entity: FieldEntity,
): Promise<FieldDefinition> {
  const before = await findRow(tx, ctx, key, entity);
  if ((before.archivedAt !== null) === archived) return toDefinition(before);
  const [row] = await tx
    .update(fieldDefinitions)
    .set({ archivedAt: archived ? new Date() : null })
    .where(and(eq(fieldDefinitions.workspaceId, ctx.workspaceId), eq(fieldDefinitions.id, before.id)))
    .returning();
  if (!row) throw notFound('Field');
  await recordAudit(tx, ctx, {
    action: archived ? 'fields.archived' : 'fields.restored',
    targetType: 'field',
    targetId: key,
    details: { key, entity },
  });
  return toDefinition(row);
}

/** Hides a field from forms and refuses new values; stored values stay on the records and in the API. */
export const archiveField = (tx: Db, ctx: ServiceContext, key: string, entity: FieldEntity = 'lead') =>
  setArchived(tx, ctx, key, true, entity);
export const restoreField = (tx: Db, ctx: ServiceContext, key: string, entity: FieldEntity = 'lead') =>
  setArchived(tx, ctx, key, false, entity);

/** Puts the listed custom fields first, in that order; unlisted ones keep their relative order after them. */
export async function reorderFields(
  tx: Db,
  ctx: ServiceContext,
  keys: string[],
  entity: FieldEntity = 'lead',
): Promise<FieldDefinition[]> {
  const rows = await customRows(tx, ctx, entity);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const details: ErrorDetail[] = [];
  keys.forEach((key, i) => {
    if (isBuiltInFieldKey(key, entity)) {
      details.push({ path: `body.keys.${i}`, message: 'Built-in fields have a fixed order' });
    } else if (!byKey.has(key)) details.push({ path: `body.keys.${i}`, message: `Unknown field "${key}"` });
  });
  if (details.length > 0) throw invalid(details, details[0]?.message);
  const listed = new Set(keys);
  const order = [...keys, ...rows.filter((row) => !listed.has(row.key)).map((row) => row.key)];
  for (const [position, key] of order.entries()) {
    const row = byKey.get(key);
    if (!row || row.position === position) continue;
    await tx
      .update(fieldDefinitions)
      .set({ position })
      .where(and(eq(fieldDefinitions.workspaceId, ctx.workspaceId), eq(fieldDefinitions.id, row.id)));
  }
  await recordAudit(tx, ctx, {
    action: 'fields.reordered',
    targetType: 'field',
    details: { keys: order, entity },
  });
  return getFieldCatalog(tx, ctx, entity);
}

export interface ValidateAttributesOptions {
  /** Updates: only the given keys change, so required fields may be absent (but not cleared). */
  partial: boolean;
  /** The lead being updated, which may of course keep its own unique value. */
  leadId?: string | undefined;
  /** Whose fields: lead fields (default) or company fields. */
  entity?: FieldEntity | undefined;
  /** The company being updated (entity 'company'), which may keep its own unique value. */
  companyId?: string | undefined;
}

/**
 * Checks custom field values against the workspace's definitions of the entity (leads unless told otherwise) and
 * returns them normalised (null = clear the value). Throws 400 with one detail per bad key
 * (`body.attributes.<key>`) and 409 when a unique field's value is already used by another live record. Every
 * writer of lead or company attributes (API, forms, import) goes through here.
 */
export async function validateAttributes(
  tx: Db,
  ctx: ServiceContext,
  input: Record<string, unknown> | undefined,
  { partial, leadId, entity = 'lead', companyId }: ValidateAttributesOptions,
): Promise<Record<string, unknown>> {
  const values = input ?? {};
  const keys = Object.keys(values);
  if (keys.length === 0 && partial) return {};
  const rows = await tx.select().from(fieldDefinitions).where(ofEntity(ctx, entity));
  const defs = new Map(rows.map((row) => [row.key, row]));
  const details: ErrorDetail[] = [];
  const output: Record<string, unknown> = {};
  for (const key of keys) {
    const path = `body.attributes.${key}`;
    const def = defs.get(key);
    if (!def) {
      details.push({ path, message: `Unknown field "${key}"` });
      continue;
    }
    if (def.archivedAt !== null) {
      details.push({ path, message: 'This field is archived and cannot be changed' });
      continue;
    }
    const result = normaliseValue(def, values[key], 'write');
    if (!result.ok) details.push({ path, message: result.message });
    else if (result.value === null && def.required) details.push({ path, message: 'This field is required' });
    else output[key] = result.value;
  }
  if (!partial) {
    for (const def of rows) {
      if (def.required && def.archivedAt === null && !(def.key in values)) {
        details.push({ path: `body.attributes.${def.key}`, message: 'This field is required' });
      }
    }
  }
  if (details.length > 0) throw invalid(details);

  const taken: ErrorDetail[] = [];
  const message = entity === 'lead' ? 'Another lead already has this value' : 'Another company already has this value';
  for (const [key, value] of Object.entries(output)) {
    if (value === null || !defs.get(key)?.uniqueValues) continue;
    const exceptId = entity === 'lead' ? leadId : companyId;
    if (await VALUE_STORES[entity].isTaken(tx, ctx, key, value, exceptId)) {
      taken.push({ path: `body.attributes.${key}`, message });
    }
  }
  if (taken.length > 0) throw conflict(message, taken);
  return output;
}
