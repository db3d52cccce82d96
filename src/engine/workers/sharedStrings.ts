/**
 * One string object per distinct value of the fields that repeat. A scenario reaches a worker by structured clone,
 * which makes every string afresh: 100,000 generated payments arrive with 100,000 copies each of the same gas limit,
 * fee caps, chain id, nonce and label (~20 MB a worker). A field's values are shared while they repeat; a field with
 * more than `MAX_DISTINCT` distinct values (addresses, amounts, signatures) is left alone after that.
 */
const MAX_DISTINCT = 256;

/** Replaces, in place, each top-level string field of `objects` by the first equal value seen in the same field.
 * Returns the fields whose values it shared. */
export function shareRepeatedStrings(objects: readonly object[]): string[] {
  const seen = new Map<string, Map<string, string> | null>(); // field → its values, or null: it does not repeat
  for (const o of objects) {
    const fields = o as Record<string, unknown>;
    for (const field in fields) {
      const v = fields[field];
      if (typeof v !== 'string') continue;
      let values = seen.get(field);
      if (values === null) continue;
      if (values === undefined) seen.set(field, (values = new Map()));
      const first = values.get(v);
      if (first !== undefined) fields[field] = first;
      else if (values.size < MAX_DISTINCT) values.set(v, v);
      else seen.set(field, null);
    }
  }
  return [...seen].flatMap(([field, values]) => (values === null ? [] : [field]));
}
