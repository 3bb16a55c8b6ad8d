// The copy-paste snippet and the mini-program example the console shows: they install what they should, and no
// site key or URL can break out of the <script> element.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { miniProgramInit, snippetHtml, TRACKER_METHODS } from './snippet';

const SITE_KEY = 'Ab3_dEf-9hIjKlMnOpQrSt';

/** Runs the snippet's JavaScript against a minimal window/document; returns what it defined and appended. */
function runSnippet(html: string) {
  const code = html.replace(/^[\s\S]*?<script>/, '').replace(/<\/script>[\s\S]*$/, '');
  const appended: { async?: boolean; src?: string; attributes: Record<string, string> }[] = [];
  const document = {
    createElement: () => {
      const element = {
        attributes: {} as Record<string, string>,
        setAttribute(name: string, value: string) {
          element.attributes[name] = value;
        },
      };
      return element;
    },
    head: { appendChild: (element: (typeof appended)[number]) => appended.push(element) },
  };
  const window: { kindling?: Record<string, unknown> & { q: [string, unknown[]][] } } = {};
  runInNewContext(code, { window, document });
  return { kindling: window.kindling!, appended };
}

describe('snippetHtml', () => {
  it('installs a queue stub and loads the tracker asynchronously with the site key', () => {
    const html = snippetHtml({ scriptUrl: 'https://kindling.example.com/t/k.js', siteKey: SITE_KEY });
    expect(html.length).toBeLessThan(450);
    const { kindling, appended } = runSnippet(html);
    expect(appended).toEqual([
      expect.objectContaining({
        async: true,
        src: 'https://kindling.example.com/t/k.js',
        attributes: { 'data-site': SITE_KEY },
      }),
    ]);
    for (const method of TRACKER_METHODS) expect(typeof kindling[method]).toBe('function');
    (kindling.track as (...args: unknown[]) => void)('download_whitepaper', { asset: 'a.pdf' });
    (kindling.identify as (...args: unknown[]) => void)({ email: 'a@example.com' });
    expect(JSON.parse(JSON.stringify(kindling.q))).toEqual([
      ['track', ['download_whitepaper', { asset: 'a.pdf' }]],
      ['identify', [{ email: 'a@example.com' }]],
    ]);
  });

  it('keeps hostile URLs inside the script string', () => {
    const scriptUrl = 'https://kindling.example.com/t/k.js?x="</script><script>alert(1)</script>\u2028';
    const html = snippetHtml({ scriptUrl, siteKey: SITE_KEY });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain('"</');
    const { appended } = runSnippet(html);
    expect(appended[0]!.src).toBe(new URL(scriptUrl).href);
  });

  it('refuses a malformed site key or a non-http URL', () => {
    const scriptUrl = 'https://kindling.example.com/t/k.js';
    for (const siteKey of ['short', 'key"</script><script>alert(1)//', 'x'.repeat(65), '']) {
      expect(() => snippetHtml({ scriptUrl, siteKey })).toThrow(/Site key/);
    }
    for (const bad of ['javascript:alert(1)', '/t/k.js', 'https://user:pw@kindling.example.com/t/k.js']) {
      expect(() => snippetHtml({ scriptUrl: bad, siteKey: SITE_KEY })).toThrow(/URL/);
    }
  });
});

describe('miniProgramInit', () => {
  it('is JavaScript that initialises the tracker with the endpoint and the site key', () => {
    const code = miniProgramInit({ endpoint: 'https://kindling.example.com/', siteKey: SITE_KEY });
    expect(code).toContain(`kindling.init({ endpoint: "https://kindling.example.com", siteKey: "${SITE_KEY}" });`);
    expect(code).toContain('withTracking');
    // Three files' worth of example (app.js, a page, anywhere): each part must compile on its own.
    for (const part of code.split('\n\n')) {
      const body = part.includes('const kindling') ? part : `const kindling = require('kindling-mp.js');\n${part}`;
      expect(() => new Function('require', 'App', 'Page', body)).not.toThrow();
    }
    expect(() => miniProgramInit({ endpoint: 'ftp://x', siteKey: SITE_KEY })).toThrow(/Endpoint/);
  });
});
