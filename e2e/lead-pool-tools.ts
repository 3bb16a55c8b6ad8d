// The lead pool's tools, through the real UI (English console, signed in by the lead journey): importing a Chinese
// Excel CSV, companies with registry enrichment, and merging a duplicate pair found on the duplicates page.
import iconv from 'iconv-lite';
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

  await scenario.step('importing a GBK CSV saved by Excel counts every row and reports the bad one', async () => {
    const rows = [
      '姓名,邮箱,手机,公司',
      `林黛玉 ${suffix},lin.${suffix}@example.com,13800000001,荣国府`,
      `薛宝钗 ${suffix},xue.${suffix}@example.com,,荣国府`,
      '坏行,not-an-email,,',
    ];
    const buffer = iconv.encode(`${rows.join('\r\n')}\r\n`, 'gb18030');
    await page.goto(`${ctx.baseUrl}/leads/import`);
    await page.locator('input[type=file]').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer });
    await waitForText(page.getByTestId('import-mapping'), '林黛玉');
    await page.getByTestId('import-start').click();
    // The figures count up while the job runs; wait until all three data rows are accounted for.
    const figures = page.getByTestId('import-counts').locator('.ant-statistic-content-value');
    let values: string[] = [];
    for (let poll = 0; poll < 300; poll++) {
      values = await figures.allInnerTexts();
      if (values.reduce((sum, v) => sum + Number(v), 0) === 3) break;
      await page.waitForTimeout(200);
    }
    assert(values.join(',') === '2,0,0,1', `created/updated/skipped/rejected shown as ${values.join(',')}`);
    await page.getByTestId('import-error-report').waitFor();
  });

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
