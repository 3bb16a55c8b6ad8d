import {
  ZCreateFieldBody,
  ZFieldDefinition,
  ZFieldEntityQuery,
  ZFieldList,
  ZFieldOrderBody,
  ZUpdateFieldBody,
} from '@kindling/contracts/fields';
import { z } from 'zod';
import type { Db } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import { serviceContext, type ServiceContext } from '../../platform/http/context';
import { commonErrors } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { archiveField, createField, getFieldCatalog, reorderFields, restoreField, updateField } from './service';

const tags = ['fields'];
const keyParams = z.object({ key: z.string().min(1).max(60) });
const errors = { 409: commonErrors[400], ...commonErrors };

export function fieldsRoutes(app: App, { database }: AppDeps): void {
  const inTenant = <T>(ctx: ServiceContext, work: (tx: Db) => Promise<T>) =>
    withTenant(database.db, ctx.workspaceId, work);

  app.get(
    '/api/v1/fields',
    {
      config: { permission: 'leads:read' },
      schema: {
        tags,
        summary: 'Lead (or, with ?entity=company, company) fields: built-in first, then custom ones in order',
        querystring: ZFieldEntityQuery,
        response: { 200: ZFieldList, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return { items: await inTenant(ctx, (tx) => getFieldCatalog(tx, ctx, request.query.entity)) };
    },
  );

  app.post(
    '/api/v1/fields',
    {
      config: { permission: 'fields:manage' },
      schema: {
        tags,
        summary: 'Create a custom lead field (or company field, with ?entity=company)',
        querystring: ZFieldEntityQuery,
        body: ZCreateFieldBody,
        response: { 201: ZFieldDefinition, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      return reply
        .status(201)
        .send(await inTenant(ctx, (tx) => createField(tx, ctx, request.body, request.query.entity)));
    },
  );

  app.put(
    '/api/v1/fields/order',
    {
      config: { permission: 'fields:manage' },
      schema: {
        tags,
        summary: 'Order the custom fields (listed keys first, in the given order)',
        querystring: ZFieldEntityQuery,
        body: ZFieldOrderBody,
        response: { 200: ZFieldList, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return { items: await inTenant(ctx, (tx) => reorderFields(tx, ctx, request.body.keys, request.query.entity)) };
    },
  );

  app.patch(
    '/api/v1/fields/:key',
    {
      config: { permission: 'fields:manage' },
      schema: {
        tags,
        summary: 'Edit a custom field; a type change converts stored values or is refused with a count',
        params: keyParams,
        querystring: ZFieldEntityQuery,
        body: ZUpdateFieldBody,
        response: { 200: ZFieldDefinition, ...errors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => updateField(tx, ctx, request.params.key, request.body, request.query.entity));
    },
  );

  app.post(
    '/api/v1/fields/:key/archive',
    {
      config: { permission: 'fields:manage' },
      schema: {
        tags,
        summary: 'Archive a custom field (hidden from forms; stored values are kept)',
        params: keyParams,
        querystring: ZFieldEntityQuery,
        response: { 200: ZFieldDefinition, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => archiveField(tx, ctx, request.params.key, request.query.entity));
    },
  );

  app.post(
    '/api/v1/fields/:key/restore',
    {
      config: { permission: 'fields:manage' },
      schema: {
        tags,
        summary: 'Restore an archived custom field',
        params: keyParams,
        querystring: ZFieldEntityQuery,
        response: { 200: ZFieldDefinition, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return inTenant(ctx, (tx) => restoreField(tx, ctx, request.params.key, request.query.entity));
    },
  );
}
