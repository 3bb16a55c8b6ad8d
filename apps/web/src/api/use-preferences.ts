import { DEFAULT_LEAD_COLUMNS, ZLeadColumns } from '@kindling/contracts/preferences';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

/** My lead-list columns (field catalogue keys, in order); the defaults until loaded or chosen. */
export function useLeadColumnPreference(): readonly string[] {
  const query = useQuery({
    queryKey: queryKeys.leadColumns,
    queryFn: async () => (await api.get('/preferences/lead-columns', ZLeadColumns)).columns,
    staleTime: 5 * 60_000,
  });
  return query.data ?? DEFAULT_LEAD_COLUMNS;
}

export function useSaveLeadColumns() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (columns: string[]) =>
      (await api.put('/preferences/lead-columns', ZLeadColumns, { columns })).columns,
    onSuccess: (columns) => queryClient.setQueryData(queryKeys.leadColumns, columns),
  });
}
