import {
  ZFieldDefinition,
  ZFieldList,
  type CreateFieldBody,
  type FieldDefinition,
  type UpdateFieldBody,
} from '@kindling/contracts/fields';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

/** The workspace's lead fields: built-in first, then custom ones in order (archived included). */
export function useFieldCatalog() {
  return useQuery({
    queryKey: queryKeys.fields,
    queryFn: async () => (await api.get('/fields', ZFieldList)).items,
    staleTime: 5 * 60_000,
  });
}

/** Custom fields a form should offer: not archived, in order. */
export function formFields(catalog: FieldDefinition[] | undefined): FieldDefinition[] {
  return (catalog ?? []).filter((field) => !field.builtIn && !field.archived);
}

function useFieldMutation<V, R>(run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    // A type change may have converted stored values: leads are stale too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.fields }),
        queryClient.invalidateQueries({ queryKey: queryKeys.leads }),
      ]),
  });
}

export const useCreateField = () =>
  useFieldMutation((body: CreateFieldBody) => api.post('/fields', ZFieldDefinition, body));

export const useUpdateField = () =>
  useFieldMutation(({ key, body }: { key: string; body: UpdateFieldBody }) =>
    api.patch(`/fields/${encodeURIComponent(key)}`, ZFieldDefinition, body),
  );

export const useArchiveField = () =>
  useFieldMutation(({ key, archived }: { key: string; archived: boolean }) =>
    api.post(`/fields/${encodeURIComponent(key)}/${archived ? 'archive' : 'restore'}`, ZFieldDefinition),
  );

export const useReorderFields = () =>
  useFieldMutation((keys: string[]) => api.put('/fields/order', ZFieldList, { keys }));
