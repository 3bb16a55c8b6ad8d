// The first-day journey of a marketer, through the real UI: sign in (Chinese browser), switch to English,
// create a lead whose fields carry HTML, find it again, and check that its detail page shows that HTML as text.
import type { Page } from 'playwright-core';
import { assert, waitForCount, waitForDocumentLanguage, waitForText, type Scenario } from './scenario';

export interface JourneyContext {
  page: Page;
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  /** Messages of alert()/confirm() dialogs the page opened: any at all means an injected script ran. */
  dialogs: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
}

const HAN = /[\u4e00-\u9fff]/;

export async function runLeadJourney(scenario: Scenario, ctx: JourneyContext): Promise<void> {
  const { page } = ctx;
  // Unique per run so the search finds exactly our lead; the name carries markup too, which must stay text.
  const suffix = `e2e${Date.now().toString(36)}`;
  const leadName = `Ada <i>Lovelace</i> ${suffix}`;
  const payload = '<img src=x onerror=alert(1)>';
  const company = `${payload} Analytical Engines`;
  const leadsTable = page.getByTestId('leads-table');

  await scenario.step('login page follows the Chinese browser locale', async () => {
    await page.goto(`${ctx.baseUrl}/leads`);
    await page.waitForURL(/\/login/);
    await waitForDocumentLanguage(page, 'zh-CN');
    await waitForText(page.getByTestId('login-submit'), HAN);
  });

  await scenario.step('sign in as the demo admin', async () => {
    await page.getByTestId('login-email').fill(ctx.adminEmail);
    await page.getByTestId('login-password').fill(ctx.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await waitForText(page.getByTestId('nav-leads'), HAN);
  });

  await scenario.step('switch the console to English', async () => {
    await page.getByTestId('lang-switch').first().getByTestId('lang-en').click();
    await waitForDocumentLanguage(page, 'en');
    const nav = await waitForText(page.getByTestId('nav-leads'), /Lead/);
    assert(!HAN.test(nav), `nav item still contains Chinese after switching: ${nav}`);
  });

  await scenario.step('open the lead list', async () => {
    await page.getByTestId('nav-leads').click();
    await page.waitForURL(/\/leads(\?|$)/);
    await leadsTable.locator('tr.ant-table-row').first().waitFor();
  });

  await scenario.step('create a lead with HTML in its name and company', async () => {
    await page.getByTestId('leads-new').click();
    await page.getByTestId('lead-form-name').fill(leadName);
    await page.getByTestId('lead-form-email').fill(`${suffix}@example.com`);
    await page.getByTestId('lead-form-phone').fill('13800138000');
    await page.getByTestId('lead-form-company').fill(company);
    await page.getByTestId('lead-form-submit').click();
    // The modal is destroyed when it closes; it stays open (with an error) when the server refuses.
    await page.getByTestId('lead-form-name').waitFor({ state: 'detached' });
  });

  await scenario.step('search finds the new lead', async () => {
    await page.getByTestId('leads-search').fill(suffix);
    await page.waitForURL((url) => url.searchParams.get('q') === suffix);
    // The new lead is already on top of the unfiltered list, so wait for the filtered result: one row.
    await waitForCount(leadsTable.locator('tr.ant-table-row'), 1);
    await leadsTable.getByRole('link', { name: leadName, exact: true }).waitFor();
    await waitForText(leadsTable.locator('tr.ant-table-row'), company);
  });

  await scenario.step('the filter builder finds the lead by a condition, with a live count', async () => {
    await page.getByTestId('leads-search').fill('');
    await page.waitForURL((url) => !url.searchParams.get('q'));
    await page.getByTestId('filter-open').click();
    await page.getByTestId('filter-add-condition').first().click();
    // antd Selects animate open: a click that lands mid-animation can be lost, so check the choice took and retry.
    const pick = async (testId: string, option: string) => {
      const select = page.getByTestId('filter-condition').last().getByTestId(testId);
      for (let attempt = 1; ; attempt++) {
        await select.click();
        const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
          hasText: new RegExp(`^${option}$`),
        });
        await item.waitFor();
        // A dropdown still sliding in never becomes "stable" for Playwright's click: after a short wait, deliver
        // the click event straight to the option (what React's handler listens for). The slow click may also have
        // landed and closed the dropdown, leaving nothing to dispatch to: the check below tells, and retries.
        await item
          .click({ timeout: 3_000 })
          .catch(() => item.dispatchEvent('click', undefined, { timeout: 2_000 }))
          .catch(() => {});
        // The closed select shows the chosen option's label as its text.
        for (let poll = 0; poll < 10; poll++) {
          if ((await select.innerText()).trim() === option) return;
          await page.waitForTimeout(100);
        }
        assert(attempt < 3, `could not choose "${option}" in ${testId}`);
      }
    };
    await pick('filter-field', 'Email');
    await pick('filter-operator', 'contains');
    await page.getByTestId('filter-condition').last().getByPlaceholder(/value/i).fill(suffix);
    await waitForText(page.getByTestId('filter-count'), /\b1\b/);
    await page.getByTestId('filter-apply').click();
    await page.waitForURL((url) => url.searchParams.has('filter'));
    await waitForCount(leadsTable.locator('tr.ant-table-row'), 1);
    await leadsTable.getByRole('link', { name: leadName, exact: true }).waitFor();
  });

  await scenario.step('open the lead detail page', async () => {
    await leadsTable.getByRole('link', { name: leadName, exact: true }).click();
    await page.waitForURL(/\/leads\/[^/?]+/);
    await page.getByTestId('lead-detail-name').waitFor();
  });

  await scenario.step('detail shows name and company as literal text (XSS inert)', async () => {
    const shownName = (await waitForText(page.getByTestId('lead-detail-name'), suffix)).trim();
    assert(
      shownName === leadName,
      `lead-detail-name shows ${JSON.stringify(shownName)}, expected ${JSON.stringify(leadName)}`,
    );
    const markupElements = await page.getByTestId('lead-detail-name').locator('i').count();
    assert(markupElements === 0, 'the <i> in the lead name was rendered as an element');
    await page.getByText(company, { exact: true }).first().waitFor();
    const injectedImages = await page.locator('img[src="x"]').count();
    assert(injectedImages === 0, `the company payload became ${injectedImages} <img> element(s)`);
    assert(ctx.dialogs.length === 0, `a dialog opened: ${ctx.dialogs.join(' | ')}`);
  });

  await scenario.step('timeline contains the creation entry', async () => {
    await waitForText(page.getByTestId('lead-timeline'), 'Lead created');
  });
}

/** The last step of every run: nothing injected ran and the console threw nothing, on any page visited. */
export async function checkNoPageErrors(scenario: Scenario, ctx: JourneyContext): Promise<void> {
  await scenario.step('no dialogs and no uncaught page errors during the run', async () => {
    assert(ctx.dialogs.length === 0, `dialog(s) opened: ${ctx.dialogs.join(' | ')}`);
    assert(ctx.pageErrors.length === 0, `uncaught page error(s):\n${ctx.pageErrors.join('\n')}`);
  });
}
