// License gate for what we ship: every package in the *runtime* dependency closure of our workspaces (their
// `dependencies`, transitively; devDependencies are build tools and never reach a user's machine) must carry a
// permissive license. It reads the installed node_modules tree, so it checks exactly what `npm ci` produced.
//
// Usage: node scripts/check-licenses.mjs [--list]   (--list prints every runtime package with its license)
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORKSPACES = ['apps/server', 'apps/web', 'packages/contracts'];

const ALLOWED = new Set([
  'MIT',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'Unlicense',
  'Python-2.0',
  'CC-BY-4.0',
  'Zlib',
]);
// Weak (file-level) copyleft: fine to ship unmodified, but someone should know it is there.
const ALLOWED_WITH_WARNING = new Set(['MPL-2.0']);

// Packages whose package.json has no usable license field, keyed "name@version". Add one only after reading
// the package's LICENSE file, and say what it contains. Keyed by version so an upgrade is re-checked.
const VERIFIED_WITHOUT_FIELD = {
  // exceljs → unzipper → binary → buffers: the package.json has no license field, but the upstream repository
  // (github.com/substack/node-buffers, LICENSE) is MIT, copyright James Halliday.
  'buffers@0.1.1': 'MIT',
};

// Non-SPDX spellings seen in the wild, mapped to their SPDX id.
const ALIASES = { 'Apache 2.0': 'Apache-2.0', Apache2: 'Apache-2.0', BSD: 'BSD-3-Clause', 'MIT/X11': 'MIT' };

/** Every installed package directory (nested ones included), keyed by its real path. */
function indexInstalledPackages() {
  const packages = new Map();
  const visitNodeModules = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const full = path.join(dir, entry);
      if (entry.startsWith('@')) for (const scoped of readdirSync(full)) visitPackage(path.join(full, scoped));
      else visitPackage(full);
    }
  };
  const visitPackage = (dir) => {
    const manifestPath = path.join(dir, 'package.json');
    if (!existsSync(manifestPath)) return;
    const real = realpathSync(dir);
    if (packages.has(real)) return;
    packages.set(real, JSON.parse(readFileSync(manifestPath, 'utf8')));
    visitNodeModules(path.join(real, 'node_modules'));
  };
  visitNodeModules(path.join(ROOT, 'node_modules'));
  for (const workspace of WORKSPACES) visitNodeModules(path.join(ROOT, workspace, 'node_modules'));
  return packages;
}

/** Node's lookup: <dir>/node_modules/<name>, then each parent directory's node_modules. */
function resolveFrom(packages, fromDir, name) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) {
      const real = realpathSync(candidate);
      if (packages.has(real)) return real;
    }
    if (dir === path.dirname(dir)) return null;
  }
}

/** Runtime edges of one manifest: dependencies, optional ones (when installed) and required peers. */
function runtimeDependencies(manifest) {
  const optionalPeers = manifest.peerDependenciesMeta ?? {};
  const requiredPeers = Object.keys(manifest.peerDependencies ?? {}).filter((name) => !optionalPeers[name]?.optional);
  return [
    ...Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(manifest.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    ...requiredPeers.map((name) => ({ name, optional: false })),
  ];
}

function runtimeClosure(packages) {
  const workspaceDirs = new Set(WORKSPACES.map((w) => realpathSync(path.join(ROOT, w))));
  const seen = new Set();
  const missing = [];
  const queue = [...workspaceDirs];
  while (queue.length > 0) {
    const dir = queue.pop();
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = packages.get(dir) ?? JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of runtimeDependencies(manifest)) {
      const resolved = resolveFrom(packages, dir, dep.name);
      if (resolved) queue.push(resolved);
      else if (!dep.optional) missing.push(`${dep.name} (needed by ${manifest.name})`);
    }
  }
  for (const dir of workspaceDirs) seen.delete(dir); // our own packages are not third-party
  return { dirs: [...seen], missing };
}

/** The declared license as one SPDX-ish expression string, or null. */
function declaredLicense(manifest) {
  const { license, licenses } = manifest;
  if (typeof license === 'string') return license;
  if (license && typeof license.type === 'string') return license.type; // legacy { type, url }
  if (Array.isArray(licenses) && licenses.length > 0) {
    // Legacy array: the package is offered under each of these, i.e. an OR.
    return licenses.map((l) => (typeof l === 'string' ? l : l.type)).join(' OR ');
  }
  return null;
}

/**
 * Evaluates an SPDX expression to 'ok' | 'warn' | 'fail'. OR takes the best branch, AND the worst;
 * `X WITH exception` is judged by X (exceptions only ever add permissions).
 */
function evaluate(expression) {
  const tokens = (ALIASES[expression.trim()] ?? expression).replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let position = 0;
  const rank = { ok: 0, warn: 1, fail: 2 };
  const worst = (a, b) => (rank[a] >= rank[b] ? a : b);
  const best = (a, b) => (rank[a] <= rank[b] ? a : b);
  const parseOr = () => {
    let verdict = parseAnd();
    while (tokens[position]?.toUpperCase() === 'OR') {
      position++;
      verdict = best(verdict, parseAnd());
    }
    return verdict;
  };
  const parseAnd = () => {
    let verdict = parseAtom();
    while (tokens[position]?.toUpperCase() === 'AND') {
      position++;
      verdict = worst(verdict, parseAtom());
    }
    return verdict;
  };
  const parseAtom = () => {
    const token = tokens[position++];
    if (token === '(') {
      const verdict = parseOr();
      position++; // ')'
      return verdict;
    }
    if (tokens[position]?.toUpperCase() === 'WITH') position += 2;
    const id = (ALIASES[token] ?? token ?? '').replace(/\+$/, '');
    if (ALLOWED.has(id)) return 'ok';
    if (ALLOWED_WITH_WARNING.has(id)) return 'warn';
    return 'fail';
  };
  const verdict = parseOr();
  return position === tokens.length ? verdict : 'fail';
}

function main() {
  const started = performance.now();
  const packages = indexInstalledPackages();
  const { dirs, missing } = runtimeClosure(packages);
  const counts = new Map();
  const warnings = [];
  const offenders = [];
  const listing = [];
  for (const dir of dirs) {
    const manifest = packages.get(dir);
    const id = `${manifest.name}@${manifest.version}`;
    const declared = declaredLicense(manifest);
    const license = declared ?? VERIFIED_WITHOUT_FIELD[id] ?? null;
    const verdict = license ? evaluate(license) : 'fail';
    const label = license ?? 'UNKNOWN (no license field)';
    counts.set(label, (counts.get(label) ?? 0) + 1);
    listing.push(`${id}  ${label}  ${path.relative(ROOT, dir)}`);
    if (verdict === 'warn') warnings.push(`${id} (${label})`);
    if (verdict === 'fail') offenders.push(`${id}: ${label}  [${path.relative(ROOT, dir)}]`);
  }

  if (process.argv.includes('--list')) console.log(listing.sort().join('\n'));
  const summary = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([license, n]) => `${license} ${n}`)
    .join(', ');
  const ms = Math.round(performance.now() - started);
  for (const name of missing) console.warn(`licenses: warning: runtime dependency not installed: ${name}`);
  if (warnings.length > 0)
    console.warn(`licenses: warning: weak copyleft (allowed, ship unmodified): ${warnings.join(', ')}`);
  if (offenders.length > 0) {
    console.error(
      `licenses FAILED: ${offenders.length} of ${dirs.length} runtime packages have a license outside our policy:`,
    );
    for (const line of offenders.sort()) console.error(`  ${line}`);
    console.error('Allowed: ' + [...ALLOWED, ...ALLOWED_WITH_WARNING].join(', ') + '. See scripts/check-licenses.mjs.');
    process.exitCode = 1;
    return;
  }
  console.log(`licenses ok: ${dirs.length} runtime packages (${summary}) in ${ms} ms`);
}

main();
