import {
  ZLeadImport,
  ZLeadImportPage,
  ZLeadImportUpload,
  ZStartedLeadImport,
  type LeadImport,
  type LeadImportUpload,
  type StartLeadImportBody,
} from '@kindling/contracts/imports';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiErrorOf, apiUrl, ApiError } from './client';
import { queryKeys } from './query-keys';

export const isImportActive = (item: LeadImport) => item.status === 'queued' || item.status === 'running';

/** Past imports, newest first; refreshes while one of them is still running. */
export function useLeadImports(params: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: queryKeys.leadImportList(params),
    queryFn: () => api.get('/lead-imports', ZLeadImportPage, params),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(isImportActive) ? 2_000 : false),
  });
}

/** One import; polled every second while it waits or runs (the wizard's progress bar). */
export function useLeadImport(id: string | null) {
  return useQuery({
    queryKey: queryKeys.leadImport(id ?? ''),
    queryFn: () => api.get(`/lead-imports/${id}`, ZLeadImport),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && isImportActive(query.state.data) ? 1_000 : false),
  });
}

export function useStartLeadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: StartLeadImportBody }) =>
      api.post(`/lead-imports/${id}/start`, ZStartedLeadImport, body),
    onSuccess: (started) => {
      queryClient.setQueryData(queryKeys.leadImport(started.import.id), started.import);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.leadImports }),
        queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
      ]);
    },
  });
}

export const errorReportUrl = (id: string) => apiUrl(`/lead-imports/${id}/error-report`);

/**
 * Uploads a spreadsheet as multipart/form-data (field "file"). XMLHttpRequest rather than fetch: only it reports
 * upload progress, which a 200 MB file needs. Same-origin, so the session cookie goes along as with `api`.
 */
export function uploadLeadFile(file: File, onProgress: (percent: number) => void): Promise<LeadImportUpload> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', apiUrl('/lead-imports'));
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    request.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(request.responseText);
      } catch {
        // Not JSON: the status alone says what happened.
      }
      if (request.status >= 200 && request.status < 300) {
        const parsed = ZLeadImportUpload.safeParse(payload);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError(request.status, 'internal_error', 'Unexpected answer'));
      } else {
        reject(apiErrorOf(request.status, request.statusText, payload));
      }
    };
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}
