/** Every cache key in one place, so invalidation after a mutation cannot miss a spelling. */
export const queryKeys = {
  session: ['session'] as const,
  workspace: ['workspace'] as const,
  members: ['members'] as const,
  invitations: ['invitations'] as const,
  invitePreview: (token: string) => ['invite-preview', token] as const,
  leads: ['leads'] as const,
  leadLists: ['leads', 'list'] as const,
  leadList: (params: object) => ['leads', 'list', params] as const,
  lead: (id: string) => ['leads', 'detail', id] as const,
  leadActivities: (id: string) => ['leads', 'activities', id] as const,
  fields: ['fields'] as const,
  tasks: ['tasks'] as const,
  audit: (params: object) => ['audit', params] as const,
};
