// Web tracking end to end: a site on another origin (a real cross-origin page, so CORS is real) installs the
// snippet; a visitor clicks a defined element, navigates in the SPA, submits a form, fires a custom event with an
// XSS payload and identifies; the tab is closed (page_leave by beacon). The events must show up in the site's live
// view, and the identified visitor must become a lead whose timeline has the page views — markup staying text.
// Runs after the lead journey (the console page is signed in as the admin; its cookies authorise the API calls).
import { createServer, type Server } from 'node:http';
import type { APIResponse, BrowserContext, Page } from 'playwright-core';
import type { LiveEvents, TrackingSite } from '@kindling/contracts/tracking';
import { snippetHtml } from '@kindling/tracker/snippet';
import type { JourneyContext } from './lead-journey';
import { assert, waitForText, type Scenario } from './scenario';
import { freePort } from './server-process';

const XSS = '<img src=x onerror=alert(1)>';
const VISITOR_EMAIL = 'e2e-visitor@example.com';
const SECRET_FIELD_VALUE = 'never-sent-secret@example.com';
/** Headless Chromium says "HeadlessChrome", which the ingest drops as a robot: the visitor uses a desktop browser's. */
const VISITOR_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

async function json<T>(response: APIResponse, what: string): Promise<T> {
  assert(response.ok(), `${what} answered HTTP ${response.status()}: ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}

/** Polls `probe` until it returns a value (not undefined) or the time is up; the last problem is reported. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let lastProblem = 'nothing yet';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    if (performance.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms (${lastProblem})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The customer's web site: one page, an SPA link, a demo button (the defined click) and a sign-up form. */
function landingPage(snippet: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Landing ${XSS}</title>
${snippet}
</head>
<body>
<h1>Kindling e2e landing page</h1>
<button id="book-demo" type="button">Book a <b>demo</b></button>
<button id="go-pricing" type="button"
  onclick="history.pushState({}, '', '/pricing'); document.title = 'Pricing'">Pricing</button>
<form id="signup" name="signup" action="/thanks" onsubmit="event.preventDefault(); this.dataset.sent = 'yes'">
  <input name="email" value="${SECRET_FIELD_VALUE}">
  <button id="signup-submit" type="submit">Sign up</button>
</form>
</body>
</html>`;
}

/** Serves the page at every path (a reload of /pricing works too) on the port the site was created for. */
async function serveSite(html: string, port: number): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

export async function runTrackerSnippet(scenario: Scenario, ctx: JourneyContext): Promise<void> {
  const { page } = ctx;
  const suffix = Date.now().toString(36);
  const clickEventName = `e2e_book_demo_${suffix}`;
  const sitePort = await freePort();
  const siteHost = `127.0.0.1:${sitePort}`;
  let site: TrackingSite | undefined;
  let siteServer: Server | undefined;
  let visitorContext: BrowserContext | undefined;
  let visitorPage: Page | undefined;
  let leadId: string | undefined;

  try {
    await scenario.step('create a tracked site and a click definition; its snippet carries the site key', async () => {
      site = await json<TrackingSite>(
        await page.request.post(`${ctx.baseUrl}/api/v1/tracking/sites`, {
          data: { name: `E2E site ${suffix}`, domains: [siteHost] },
        }),
        'creating the site',
      );
      await json(
        await page.request.post(`${ctx.baseUrl}/api/v1/tracking/event-definitions`, {
          data: { kind: 'click', name: clickEventName, label: 'Book a demo', selector: '#book-demo', siteId: site.id },
        }),
        'creating the click definition',
      );
      const snippet = await json<{ html: string }>(
        await page.request.get(`${ctx.baseUrl}/api/v1/tracking/sites/${site.id}/snippet`),
        'the snippet',
      );
      assert(snippet.html.includes(site.siteKey), 'the snippet does not contain the site key');
      assert(snippet.html.includes('/t/k.js'), 'the snippet does not load /t/k.js');
    });

    await scenario.step('a page on another origin loads the snippet and the tracker starts', async () => {
      assert(site, 'no site');
      // The snippet the console shows points at PUBLIC_URL (http://localhost:<port> here); the page uses the
      // address the e2e server really listens on, so the test does not depend on how "localhost" resolves.
      const html = landingPage(snippetHtml({ scriptUrl: `${ctx.baseUrl}/t/k.js`, siteKey: site.siteKey }));
      siteServer = await serveSite(html, sitePort);

      // A browser context of its own: the visitor has none of the admin's cookies, as on a real customer's site.
      const browser = page.context().browser();
      assert(browser, 'no browser to open a visitor context in');
      visitorContext = await browser.newContext({ userAgent: VISITOR_USER_AGENT, locale: 'zh-CN' });
      visitorPage = await visitorContext.newPage();
      visitorPage.on('dialog', (dialog) => {
        ctx.dialogs.push(`${dialog.type()}: ${dialog.message()} (visitor page)`);
        void dialog.dismiss().catch(() => {});
      });
      visitorPage.on('pageerror', (error) => ctx.pageErrors.push(`visitor page: ${error.message}`));
      await visitorPage.goto(`http://${siteHost}/?utm_source=e2e&utm_campaign=launch_${suffix}`);
      // The real API replaced the queue stub, the config arrived and the visitor id was stored.
      await visitorPage.waitForFunction(
        "window.kindling && !window.kindling.q && document.cookie.includes('_kd_vid=')",
        undefined,
        { timeout: 15_000 },
      );
    });

    await scenario.step(
      'clicks, an SPA navigation, a form, a custom event and identify; then the tab closes',
      async () => {
        assert(visitorPage, 'no visitor page');
        await visitorPage.locator('#book-demo').click();
        await visitorPage.locator('#go-pricing').click();
        await visitorPage.waitForURL(/\/pricing$/);
        await visitorPage.locator('#signup-submit').click();
        await visitorPage.waitForFunction("document.getElementById('signup').dataset.sent === 'yes'");
        await visitorPage.evaluate(
          `kindling.track('download_whitepaper', { asset: ${JSON.stringify(XSS)} });
         kindling.identify({ email: ${JSON.stringify(VISITOR_EMAIL)}, name: 'E2E Visitor' });`,
        );
        // Let the 1-second batch go by fetch, then close: page_leave must travel by beacon.
        await visitorPage.waitForTimeout(1500);
        const closed = new Promise((resolve) => visitorPage!.once('close', resolve));
        await visitorPage.close({ runBeforeUnload: true });
        await closed;
      },
    );

    await scenario.step('the live view shows every event, with markup stored verbatim and no form values', async () => {
      assert(site, 'no site');
      // page_leave is stored too, but the live view leaves it out: it only carries its page view's duration.
      const expected = ['page_view', clickEventName, 'form_submit', 'download_whitepaper', 'identify'];
      const live = await eventually('all events in the live view', async () => {
        const events = await json<LiveEvents>(
          await page.request.get(`${ctx.baseUrl}/api/v1/tracking/sites/${site!.id}/live`),
          'the live view',
        );
        const names = new Set(events.items.map((event) => event.name));
        const missing = expected.filter((name) => !names.has(name));
        if (missing.length) throw new Error(`missing ${missing.join(', ')}; have ${[...names].join(', ')}`);
        return events.items;
      });
      const pageViews = live.filter((event) => event.name === 'page_view');
      assert(pageViews.length === 2, `expected 2 page views (landing + SPA), got ${pageViews.length}`);
      const landing = pageViews.find((event) => event.url?.includes('utm_source=e2e'));
      const pricing = pageViews.find((event) => event.url?.endsWith('/pricing'));
      assert(landing?.title === `Landing ${XSS}`, `landing title stored as ${JSON.stringify(landing?.title)}`);
      assert(pricing?.title === 'Pricing', `SPA page view title ${JSON.stringify(pricing?.title)}`);
      const click = live.find((event) => event.name === clickEventName);
      assert(click?.properties.text === 'Book a demo', `click text ${JSON.stringify(click?.properties.text)}`);
      const custom = live.find((event) => event.name === 'download_whitepaper');
      assert(custom?.properties.asset === XSS, `asset stored as ${JSON.stringify(custom?.properties.asset)}`);
      const form = live.find((event) => event.name === 'form_submit');
      assert(form?.properties.formId === 'signup', `form_submit properties ${JSON.stringify(form?.properties)}`);
      assert(!JSON.stringify(live).includes(SECRET_FIELD_VALUE), 'a form field value was sent');
    });

    await scenario.step('identify made the visitor a lead; its timeline has both page views, timed', async () => {
      leadId = await eventually('the lead with timed web.page_view activities', async () => {
        const leads = await json<{ items: { id: string; email: string | null }[] }>(
          await page.request.get(`${ctx.baseUrl}/api/v1/leads`, { params: { q: VISITOR_EMAIL } }),
          'the lead search',
        );
        const lead = leads.items.find((item) => item.email === VISITOR_EMAIL);
        if (!lead) throw new Error('no lead with the visitor email yet');
        const activities = await json<{ items: { type: string; properties: Record<string, unknown> }[] }>(
          await page.request.get(`${ctx.baseUrl}/api/v1/leads/${lead.id}/activities`, { params: { limit: 100 } }),
          'the lead timeline',
        );
        const pageViews = activities.items.filter((activity) => activity.type === 'web.page_view');
        const pricing = pageViews.find((activity) => activity.properties.path === '/pricing');
        // The /pricing view was closed with the tab: its duration came by beacon (page_leave).
        if (pageViews.length < 2 || !(Number(pricing?.properties.durationMs) > 0)) {
          throw new Error(
            `timeline: ${JSON.stringify(activities.items.map((a) => [a.type, a.properties.durationMs]))}`,
          );
        }
        return lead.id;
      });
    });

    await scenario.step('the lead detail shows the visit without running the markup', async () => {
      assert(leadId, 'no lead');
      await page.goto(`${ctx.baseUrl}/leads/${leadId}`);
      // The page titles are shown, the one carrying markup as literal text.
      await waitForText(page.getByTestId('lead-timeline'), 'Pricing');
      await waitForText(page.getByTestId('lead-timeline'), `Landing ${XSS}`);
      const injected = await page.locator('img[src="x"]').count();
      assert(injected === 0, `the payload became ${injected} <img> element(s)`);
      assert(ctx.dialogs.length === 0, `a dialog opened: ${ctx.dialogs.join(' | ')}`);
    });

    await scenario.step('the site analytics screen counts the visit and lists its pages as text', async () => {
      assert(site, 'no site');
      await page.goto(`${ctx.baseUrl}/acquisition/tracking/${site.id}`);
      await waitForText(page.getByTestId('analytics-top-pages'), '/pricing');
      await waitForText(page.getByTestId('analytics-top-pages'), `Landing ${XSS}`);
      await waitForText(page.getByTestId('analytics-kpi-visitors'), '1');
      const injected = await page.locator('img[src="x"]').count();
      assert(injected === 0, `the payload became ${injected} <img> element(s)`);
    });
  } finally {
    await visitorContext?.close().catch(() => {});
    if (siteServer) await new Promise((resolve) => siteServer!.close(resolve));
  }
}
