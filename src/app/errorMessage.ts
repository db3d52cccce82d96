/** Errors as users read them. Its own module: the page imports it without the engine (`playground.ts` loads it). */

/** A thrown value as a message a user can read. Engine and scenario errors already carry one. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) {
    const named = e.name && e.name !== 'Error' && e.name !== 'ScenarioError' && e.name !== 'RunError';
    return named ? `${e.name}: ${e.message}` : e.message;
  }
  return String(e);
}
