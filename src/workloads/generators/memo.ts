/** A one-argument function remembered per generation: storage-slot hashing (keccak) is the costliest step. */
export function memo<K, V>(fn: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = fn(key)));
    return v;
  };
}

/** The same for two string arguments (addresses). */
export function memo2<V>(fn: (a: string, b: string) => V): (a: string, b: string) => V {
  const cache = new Map<string, V>();
  return (a, b) => {
    const key = a + b;
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = fn(a, b)));
    return v;
  };
}
