/**
 * Values derived from one chunk's facts, kept as long as those facts are (see README.md in this folder: an
 * unchanged chunk keeps the identity of its arrays, so the array is the key).
 */

/**
 * `compute` memoised on the identity of its key array: `derived(key, ...args)` computes once per key and returns
 * the same value while the key array lives. The arguments after the key must be functions of the key (or of
 * something that changes the key when it changes); the cache holds nothing once a key is collected.
 */
export function perArray<K extends object, A extends unknown[], V>(compute: (...args: A) => V): (key: K, ...args: A) => V {
  const cache = new WeakMap<K, V>();
  return (key, ...args) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = compute(...args)));
    return value;
  };
}

/**
 * Like `perArray`, but the value also depends on `deps` (compared element by element with ===): kept per key for
 * the last deps seen with it, recomputed when they differ.
 */
export function perArrayWhile<K extends object, A extends unknown[], V>(compute: (...args: A) => V): (key: K, deps: readonly unknown[], ...args: A) => V {
  const cache = new WeakMap<K, { deps: readonly unknown[]; value: V }>();
  return (key, deps, ...args) => {
    const cached = cache.get(key);
    if (cached && cached.deps.length === deps.length && cached.deps.every((d, i) => d === deps[i])) return cached.value;
    const value = compute(...args);
    cache.set(key, { deps, value });
    return value;
  };
}
