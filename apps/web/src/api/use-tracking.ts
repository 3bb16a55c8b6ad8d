import type { ExportFormat } from '@kindling/contracts/leads';
import {
  ZEventDefinition,
  ZEventDefinitionList,
  ZLiveEvents,
  ZTrackingSite,
  ZTrackingSiteList,
  ZTrackingSnippet,
  ZWebAnalytics,
  type AnalyticsTable,
  type CreateEventDefinitionBody,
  type CreateTrackingSiteBody,
  type LiveEvent,
  type UpdateEventDefinitionBody,
  type UpdateTrackingSiteBody,
} from '@kindling/contracts/tracking';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiErrorOf, apiUrl, api, type QueryParams } from './client';
import { queryKeys } from './query-keys';

/** A period of the analytics screen: days in the workspace's time zone, both included. */
export interface DayRange {
  from: string;
  to: string;
}

export function useTrackingSites(archived: boolean) {
  return useQuery({
    queryKey: queryKeys.trackingSiteList(archived),
    queryFn: async () => (await api.get('/tracking/sites', ZTrackingSiteList, { archived })).items,
    placeholderData: keepPreviousData,
  });
}

export function useTrackingSite(id: string) {
  return useQuery({
    queryKey: queryKeys.trackingSite(id),
    queryFn: () => api.get(`/tracking/sites/${id}`, ZTrackingSite),
  });
}

/** Sites changed: the lists and the detail are stale (the detail is replaced by the answer where there is one). */
const sitesChanged = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: queryKeys.trackingSites });

export function useCreateTrackingSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTrackingSiteBody) => api.post('/tracking/sites', ZTrackingSite, body),
    onSuccess: () => sitesChanged(queryClient),
  });
}

export function useUpdateTrackingSite(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTrackingSiteBody) => api.patch(`/tracking/sites/${id}`, ZTrackingSite, body),
    onSuccess: (site) => {
      queryClient.setQueryData(queryKeys.trackingSite(id), site);
      return sitesChanged(queryClient);
    },
  });
}

/** Archive (stops accepting events) or restore a site. */
export function useArchiveTrackingSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      api.post(`/tracking/sites/${id}/${archived ? 'archive' : 'restore'}`, ZTrackingSite),
    onSuccess: (site) => {
      queryClient.setQueryData(queryKeys.trackingSite(site.id), site);
      return sitesChanged(queryClient);
    },
  });
}

export function useTrackingSnippet(siteId: string) {
  return useQuery({
    queryKey: queryKeys.trackingSnippet(siteId),
    queryFn: () => api.get(`/tracking/sites/${siteId}/snippet`, ZTrackingSnippet),
    staleTime: Infinity,
  });
}

const LIVE_POLL_MS = 2000;
/** How many arrived events the verify panel keeps on screen. */
const LIVE_KEEP = 100;

interface LiveFeed {
  items: LiveEvent[];
  cursor: string | null;
}

/**
 * The newest events of a site, then every 2 s only those that arrived since (the server's cursor), newest first.
 * Polls only while `enabled` and the browser tab is visible (TanStack pauses intervals in background tabs).
 */
export function useLiveEvents(siteId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.trackingLive(siteId);
  return useQuery({
    queryKey,
    queryFn: async (): Promise<LiveFeed> => {
      const previous = queryClient.getQueryData<LiveFeed>(queryKey);
      const page = await api.get(`/tracking/sites/${siteId}/live`, ZLiveEvents, {
        after: previous?.cursor ?? undefined,
      });
      const seen = new Set(page.items.map((event) => event.id));
      const items = [...page.items, ...(previous?.items ?? []).filter((event) => !seen.has(event.id))]
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
        .slice(0, LIVE_KEEP);
      return { items, cursor: page.cursor ?? previous?.cursor ?? null };
    },
    enabled,
    refetchInterval: LIVE_POLL_MS,
    refetchIntervalInBackground: false,
    // Each fetch builds on the previous result; never serve a stale copy from another mount as the base.
    gcTime: 0,
  });
}

export function useWebAnalytics(siteId: string, range: DayRange) {
  return useQuery({
    queryKey: queryKeys.trackingAnalytics(siteId, range),
    queryFn: () => api.get(`/tracking/sites/${siteId}/analytics`, ZWebAnalytics, { ...range }),
    placeholderData: keepPreviousData,
  });
}

export interface EventDefinitionListParams {
  siteId?: string;
  from?: string;
  to?: string;
}

/** Definitions with their event counts in the period (server default: the last 30 days), and undefined names. */
export function useEventDefinitions(params: EventDefinitionListParams, enabled = true) {
  return useQuery({
    queryKey: queryKeys.trackingDefinitionList(params),
    queryFn: () => api.get('/tracking/event-definitions', ZEventDefinitionList, { ...params }),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 60_000,
  });
}

function useDefinitionMutation<V, R>(run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.trackingDefinitions }),
  });
}

export const useCreateEventDefinition = () =>
  useDefinitionMutation((body: CreateEventDefinitionBody) =>
    api.post('/tracking/event-definitions', ZEventDefinition, body),
  );

export const useUpdateEventDefinition = () =>
  useDefinitionMutation(({ id, body }: { id: string; body: UpdateEventDefinitionBody }) =>
    api.patch(`/tracking/event-definitions/${id}`, ZEventDefinition, body),
  );

export const useArchiveEventDefinition = () =>
  useDefinitionMutation(({ id, archived }: { id: string; archived: boolean }) =>
    api.post(`/tracking/event-definitions/${id}/${archived ? 'archive' : 'restore'}`, ZEventDefinition),
  );

/** `filename*=UTF-8''…` (a Chinese name) or else `filename="…"` of a Content-Disposition header. */
function fileNameOf(contentDisposition: string | null): string | null {
  if (!contentDisposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(contentDisposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // Malformed escape: fall back to the plain name.
    }
  }
  return /filename="?([^";]+)"?/i.exec(contentDisposition)?.[1] ?? null;
}

/**
 * Downloads a file the server builds on the spot. Fetched (not a plain link) so a refusal (403, 400) shows as a
 * translated message on the page instead of replacing the console with an error body.
 */
async function downloadFile(path: string, query: QueryParams, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!response.ok) {
    const payload: unknown = await response.json().catch(() => null);
    throw apiErrorOf(response.status, response.statusText, payload);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  link.click();
  // The click has started the download by the next task; the blob URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export type TrackingExport =
  | { what: 'sites'; format: ExportFormat }
  | { what: 'definitions'; format: ExportFormat }
  | { what: 'analytics'; format: ExportFormat; siteId: string; range: DayRange; table: AnalyticsTable };

export function useTrackingExport() {
  return useMutation({
    mutationFn: (request: TrackingExport) => {
      const { format } = request;
      switch (request.what) {
        case 'sites':
          return downloadFile('/tracking/sites/export', { format }, `tracking-sites.${format}`);
        case 'definitions':
          return downloadFile('/tracking/event-definitions/export', { format }, `event-definitions.${format}`);
        case 'analytics':
          return downloadFile(
            `/tracking/sites/${request.siteId}/analytics/export`,
            { ...request.range, table: request.table, format },
            `${request.table}-${request.range.from}-${request.range.to}.${format}`,
          );
      }
    },
  });
}
