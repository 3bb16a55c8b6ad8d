import { buildApp } from './app';
import { loadConfig } from './config';
import { seedIfEmpty } from './seed/demo';
import { startRuntime } from './runtime';

const USAGE = 'usage: kindling <serve|worker|migrate|seed>';

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  switch (command) {
    case 'serve': {
      const runtime = await startRuntime(config, { runWorkers: true, schedule: true });
      const seeded = await seedIfEmpty(runtime.database.db, config);
      const app = await buildApp({ database: runtime.database, config, jobs: runtime.jobs, serveWeb: true });
      // In order: stop taking requests and finish those in flight, then let jobs finish, then close the database.
      onShutdown(async () => {
        await app.close();
        await runtime.close();
      });
      await app.listen({ port: config.port, host: config.host });
      const where = runtime.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL';
      console.log(
        [
          '',
          `  Kindling is running at ${config.publicUrl}   (database: ${where}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
          seeded ? '  A demo workspace was created.' : '  Using existing data.',
          `  Sign in as ${config.adminEmail} / ${seeded ? config.adminPassword : '(the password you set)'}`,
          `  API docs: ${config.publicUrl}/api/docs`,
          '  Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      return;
    }
    case 'worker': {
      if (!config.databaseUrl) {
        throw new Error(
          "The worker role needs DATABASE_URL: embedded PGlite is one process's database, and `npm start` already runs the workers.",
        );
      }
      const runtime = await startRuntime(config, { runWorkers: true, schedule: true });
      onShutdown(() => runtime.close());
      console.log('Kindling worker started; press Ctrl-C to stop.');
      return;
    }
    case 'migrate': {
      const runtime = await startRuntime(config, { runWorkers: false, schedule: false });
      await runtime.close();
      console.log('Migrations applied.');
      return;
    }
    case 'seed': {
      const runtime = await startRuntime(config, { runWorkers: false, schedule: false });
      const seeded = await seedIfEmpty(runtime.database.db, config);
      await runtime.close();
      console.log(seeded ? 'Demo workspace created.' : 'Database already has users; nothing seeded.');
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

/** Ctrl-C / SIGTERM: stop taking requests, let running jobs finish (bounded), close the database. */
function onShutdown(stop: () => Promise<unknown>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, shutting down…`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    stop().then(
      () => {
        console.log('Stopped cleanly.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
