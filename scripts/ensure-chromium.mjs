// The e2e run drives Debian's Chromium package through playwright-core. We deliberately never let Playwright
// download its own browser build: the distro package is signed, updated with the OS and works offline from a mirror.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
// Without a CJK font the zh-CN screenshots show empty boxes instead of Chinese text.
const CJK_FONT_DIR = '/usr/share/fonts/opentype/noto';

if (existsSync(CHROMIUM) && existsSync(CJK_FONT_DIR)) process.exit(0);

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  console.error(
    `Install it yourself (Debian/Ubuntu: \`sudo apt-get install -y chromium\`) so that ${CHROMIUM} exists, then re-run.`,
  );
  process.exit(1);
}

if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
  fail(`${CHROMIUM} is missing and this is not a Debian-like system with apt-get.`);
}

const isRoot = process.getuid?.() === 0;
const hasSudo = spawnSync('sh', ['-c', 'command -v sudo'], { stdio: 'ignore' }).status === 0;
if (!isRoot && !hasSudo) fail(`${CHROMIUM} is missing, and installing it needs root (not root, and no sudo).`);

/** Runs an apt command as root (directly, or through sudo -n so a password prompt fails fast instead of hanging). */
function runAsRoot(args) {
  const [command, finalArgs] = isRoot ? [args[0], args.slice(1)] : ['sudo', ['-n', ...args]];
  console.log(`ensure-chromium: $ ${[command, ...finalArgs].join(' ')}`);
  const result = spawnSync(command, finalArgs, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0)
    fail(`\`${args.join(' ')}\` failed (${result.error?.message ?? `exit code ${result.status}`}).`);
}

console.log(`ensure-chromium: installing the Debian chromium and fonts-noto-cjk packages.`);
runAsRoot(['apt-get', 'update']);
runAsRoot(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk']);
if (!existsSync(CHROMIUM)) fail(`the chromium package installed, but ${CHROMIUM} still does not exist.`);
console.log(`ensure-chromium: installed ${CHROMIUM}.`);
