/**
 * Builds the tracker files the server serves (/t/k.js, /t/kindling-mp.js) from this package's source with esbuild:
 * one minified file each, no dependencies. Node only (the server and the tests use it; it is not part of a bundle).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type TrackerBundle = 'browser' | 'miniprogram';

const SOURCE_DIR = path.dirname(fileURLToPath(import.meta.url));

const ENTRIES: Record<TrackerBundle, { file: string; format: 'iife' | 'cjs' }> = {
  // A classic script: runs in any page, defines only window.kindling.
  browser: { file: 'browser.ts', format: 'iife' },
  // Mini-programs load plain files with require(): CommonJS, module.exports = { init, track, … }.
  miniprogram: { file: 'miniprogram.ts', format: 'cjs' },
};

export async function buildTrackerBundle(bundle: TrackerBundle): Promise<string> {
  // Imported on first use: esbuild is a build tool, and a server without it still serves everything else.
  const { build } = await import('esbuild');
  const entry = ENTRIES[bundle];
  const result = await build({
    entryPoints: [path.join(SOURCE_DIR, entry.file)],
    bundle: true,
    minify: true,
    write: false,
    format: entry.format,
    platform: 'browser',
    target: 'es2017',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry.file}`);
  return output.text;
}
