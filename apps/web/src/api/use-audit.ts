import { ZAuditPage } from '@kindling/contracts/audit';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: string;
}

export function useAuditLog(params: AuditQuery) {
  return useQuery({
    queryKey: queryKeys.audit(params),
    queryFn: () => api.get('/audit', ZAuditPage, { ...params }),
    placeholderData: keepPreviousData,
  });
}
