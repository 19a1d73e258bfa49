// Waits for a condition in integration tests: polls until it holds or the time is up.
export async function until(cond: () => boolean | Promise<boolean>, ms = 20_000, everyMs = 20): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
