// Waiting for an effect that follows a moment after its cause (a file change, a signal), without a fixed sleep.

/**
 * Probes until `done` holds, at most `boundMs`: for effects that follow their cause by a moment, with no
 * fixed sleep. Fails with the last value probed.
 */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  done: (value: T) => boolean,
  boundMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still not so after ${boundMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
