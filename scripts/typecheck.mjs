// Type-checks every workspace with TypeScript 7 (the native compiler, installed as the `tsgo` alias because
// typescript-eslint still needs the TypeScript 5 JavaScript API under the name `typescript`).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const tsc = path.join(path.dirname(require.resolve('tsgo/package.json')), 'bin', 'tsc');
const projects = ['packages/contracts', 'packages/tracker', 'apps/server', 'apps/web'];
let failed = false;
for (const project of projects) {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
  else console.log(`typecheck ok: ${project}`);
}
process.exit(failed ? 1 : 0);
