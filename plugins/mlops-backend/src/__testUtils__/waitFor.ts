const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Polls `read` until `done` holds of its answer (every 500 ms, at most `seconds`); the last answer either way. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  seconds = 40,
): Promise<T> {
  let value = await read();
  for (let i = 0; i < seconds * 2 && !done(value); i++) {
    await sleep(500);
    value = await read();
  }
  return value;
}
