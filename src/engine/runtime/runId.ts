/** Run identities: every message of a run carries one, and a worker refuses a message of another run. */
let last = 0;

export function nextRunId(): number {
  return ++last;
}
