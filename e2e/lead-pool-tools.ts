// The lead pool's tools, through the real UI (English console, signed in by the lead journey): companies with
// registry enrichment, and merging a duplicate pair found on the duplicates page.
import type { Page } from 'playwright-core';
import type { JourneyContext } from './lead-journey';
import { assert, waitForText, type Scenario } from './scenario';

/** A JSON API call from the page, with its session cookie (what the console itself does). */
async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json().catch(() => null)) as never };
    },
    { method, url, body },
  );
}

export async function runLeadPoolTools(scenario: Scenario, ctx: JourneyContext): Promise<void> {
  const { page } = ctx;
  const suffix = `dup${Date.now().toString(36)}`;

  await scenario.step('a company shows its leads, and Enrich fills its registry data from the sandbox', async () => {
    const found = await api<{ items: { id: string }[] }>(page, 'GET', '/api/v1/companies?q=yunqi-tech.cn');
    const company = found.json.items[0];
    assert(found.status === 200 && company, `demo company not found (HTTP ${found.status})`);
    await page.goto(`${ctx.baseUrl}/companies/${company.id}`);
    await page.getByTestId('company-leads-table').locator('tr.ant-table-row').first().waitFor();
    await page.getByTestId('company-enrich').click();
    await waitForText(page.locator('body'), /SBX/);
  });

  await scenario.step('the duplicates page finds two leads with one phone, and merging keeps one', async () => {
    const phone = `+86139${String(Date.now()).slice(-8)}`;
    const created = [];
    for (const name of [`Grace Hopper ${suffix}`, `G. Hopper ${suffix}`]) {
      const res = await api<{ id: string }>(page, 'POST', '/api/v1/leads', { name, phone });
      assert(res.status === 201, `creating a lead answered HTTP ${res.status}`);
      created.push(res.json.id);
    }
    await page.goto(`${ctx.baseUrl}/leads/duplicates`);
    const row = page.getByTestId('duplicates-table').locator('tr.ant-table-row', { hasText: suffix });
    await row.first().waitFor();
    await row.first().getByTestId('duplicate-merge').click();
    const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('merge-keep') });
    await dialog.waitFor();
    await dialog.locator('.ant-modal-footer .ant-btn-dangerous').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    const survivor = page.url().split('/').at(-1)!;
    assert(created.includes(survivor), `merge opened ${survivor}, not one of the pair`);
    const other = created.find((id) => id !== survivor)!;
    const gone = await api(page, 'GET', `/api/v1/leads/${other}`);
    assert(gone.status === 404, `the merged-away lead still answers HTTP ${gone.status}`);
  });
}
