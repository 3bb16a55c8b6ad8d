/**
 * Runs a benchmark's main function and exits: 0 when it finished, 1 when it failed or outlived its budget (a
 * benchmark must stop by itself; the 'exit' hooks of the server processes it started kill them).
 */
export async function runBounded(main: () => Promise<void>, budgetMs: number): Promise<never> {
  const budget = setTimeout(() => {
    console.error(`bench: still running after ${budgetMs / 60_000} minutes; giving up`);
    process.exit(1);
  }, budgetMs);
  try {
    await main();
    clearTimeout(budget);
    process.exit(0);
  } catch (error) {
    console.error('bench: failed:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  }
}
