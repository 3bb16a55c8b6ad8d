import { leadFilterCatalog } from '@kindling/contracts/company-filter-fields';
import {
  ZFieldDefinition,
  ZFieldList,
  type CreateFieldBody,
  type FieldDefinition,
  type FieldEntity,
  type UpdateFieldBody,
} from '@kindling/contracts/fields';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from './client';
import { queryKeys } from './query-keys';

/** `/fields…` for lead fields, `/fields…?entity=company` for company fields. */
const fieldsPath = (entity: FieldEntity, path = '') =>
  entity === 'lead' ? `/fields${path}` : `/fields${path}?entity=${entity}`;

/** The workspace's lead (or company) fields: built-in first, then custom ones in order (archived included). */
export function useFieldCatalog(entity: FieldEntity = 'lead') {
  return useQuery({
    queryKey: entity === 'lead' ? queryKeys.fields : queryKeys.companyFields,
    queryFn: async () => (await api.get(fieldsPath(entity), ZFieldList)).items,
    staleTime: 5 * 60_000,
  });
}

/**
 * The catalogue lead filters use: the lead fields, then the lead's company's fields as `company.<key>` (the
 * same merge the server validates with). `data` is undefined until both have loaded.
 */
export function useFilterCatalog() {
  const leadFields = useFieldCatalog('lead');
  const companyFields = useFieldCatalog('company');
  const data = useMemo(
    () => (leadFields.data && companyFields.data ? leadFilterCatalog(leadFields.data, companyFields.data) : undefined),
    [leadFields.data, companyFields.data],
  );
  const failed = leadFields.isError ? leadFields : companyFields.isError ? companyFields : null;
  return {
    data,
    isError: failed !== null,
    error: failed?.error ?? null,
    refetch: () => Promise.all([leadFields.refetch(), companyFields.refetch()]),
  };
}

/** Custom fields a form should offer: not archived, in order. */
export function formFields(catalog: FieldDefinition[] | undefined): FieldDefinition[] {
  return (catalog ?? []).filter((field) => !field.builtIn && !field.archived);
}

function useFieldMutation<V, R>(run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    // A type change may have converted stored values: leads and companies are stale too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.fields }),
        queryClient.invalidateQueries({ queryKey: queryKeys.leads }),
        queryClient.invalidateQueries({ queryKey: queryKeys.companies }),
      ]),
  });
}

export const useCreateField = (entity: FieldEntity = 'lead') =>
  useFieldMutation((body: CreateFieldBody) => api.post(fieldsPath(entity), ZFieldDefinition, body));

export const useUpdateField = (entity: FieldEntity = 'lead') =>
  useFieldMutation(({ key, body }: { key: string; body: UpdateFieldBody }) =>
    api.patch(fieldsPath(entity, `/${encodeURIComponent(key)}`), ZFieldDefinition, body),
  );

export const useArchiveField = (entity: FieldEntity = 'lead') =>
  useFieldMutation(({ key, archived }: { key: string; archived: boolean }) =>
    api.post(fieldsPath(entity, `/${encodeURIComponent(key)}/${archived ? 'archive' : 'restore'}`), ZFieldDefinition),
  );

export const useReorderFields = (entity: FieldEntity = 'lead') =>
  useFieldMutation((keys: string[]) => api.put(fieldsPath(entity, '/order'), ZFieldList, { keys }));
