// A minimal step runner: each step is counted, timed, followed by a full-page screenshot, and the first failure
// skips the rest (later steps build on earlier ones, so their failures would only be noise).
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export class Scenario {
  passed = 0;
  failed = 0;
  skipped = 0;
  private stepNumber = 0;

  constructor(
    private readonly page: Page,
    private readonly artifactsDir: string,
  ) {}

  async step(name: string, body: () => Promise<void>): Promise<void> {
    this.stepNumber++;
    const label = `${String(this.stepNumber).padStart(2, '0')} ${name}`;
    if (this.failed > 0) {
      this.skipped++;
      console.log(`  - ${label} (skipped)`);
      return;
    }
    const started = performance.now();
    try {
      await body();
      this.passed++;
      console.log(`  ✓ ${label} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      this.failed++;
      console.log(
        `  ✗ ${label}\n    ${(error instanceof Error ? error.message : String(error)).split('\n').join('\n    ')}`,
      );
    }
    await this.screenshot(label);
  }

  private async screenshot(label: string): Promise<void> {
    const file = path.join(this.artifactsDir, `${label.replace(/[^\w-]+/g, '-').toLowerCase()}.png`);
    try {
      await this.page.screenshot({ path: file, fullPage: true, timeout: 15_000 });
    } catch (error) {
      console.log(`    (screenshot failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    }
  }
}

/** playwright-core has no `expect`: poll a locator's text until it matches. */
export async function waitForText(locator: Locator, expected: RegExp | string, timeoutMs = 20_000): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    last = await locator.textContent({ timeout: Math.max(1, deadline - performance.now()) }).catch(() => last);
    const text = last ?? '';
    if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) return text;
    if (performance.now() > deadline) {
      throw new Error(`expected ${String(locator)} to contain ${String(expected)}, last text: ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls until the locator matches exactly `expected` elements. */
export async function waitForCount(locator: Locator, expected: number, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const count = await locator.count();
    if (count === expected) return;
    if (performance.now() > deadline) throw new Error(`expected ${expected} of ${String(locator)}, found ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the <html lang> attribute (set by the console's i18n) is `lang`. */
export async function waitForDocumentLanguage(page: Page, lang: string, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(lang)}`, undefined, {
    timeout: timeoutMs,
  });
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
