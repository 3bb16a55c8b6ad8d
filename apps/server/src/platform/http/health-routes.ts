import { ZHealth } from '@kindling/contracts/health';
import { VERSION } from '../../version';
import type { App, AppDeps } from './types';

export function healthRoutes(app: App, { database }: AppDeps): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['platform'], summary: 'Liveness and database check', response: { 200: ZHealth } },
    },
    async () => {
      await database.executeSql('select 1', []);
      return { status: 'ok' as const, version: VERSION, database: database.kind };
    },
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
