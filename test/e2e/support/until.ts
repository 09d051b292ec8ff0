/** Polls `check` until it holds: for what a process records a moment after a test can see its effect elsewhere. */
export async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (await check()) return;
  }
  throw new Error('Timed out');
}
