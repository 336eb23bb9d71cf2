/**
 * Values derived from one chunk's facts, kept as long as those facts are (see README.md in this folder: an
 * unchanged chunk keeps the identity of its arrays, so the array is the key).
 */

/**
 * `compute` memoised on the identity of its key (an array or facts object of one chunk): `derived(key, ...args)` computes once per key and returns
 * the same value while the key array lives. The arguments after the key must be functions of the key (or of
 * something that changes the key when it changes); the cache holds nothing once a key is collected.
 */
export function byIdentity<K extends object, A extends unknown[], V>(compute: (...args: A) => V): (key: K, ...args: A) => V {
  const cache = new WeakMap<K, V>();
  return (key, ...args) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = compute(...args)));
    return value;
  };
}

/**
 * Like `byIdentity`, but the value also depends on `deps` (compared element by element with ===): kept per key for
 * the last deps seen with it, recomputed when they differ.
 */
export function byIdentityWhile<K extends object, A extends unknown[], V>(compute: (...args: A) => V): (key: K, deps: readonly unknown[], ...args: A) => V {
  const cache = new WeakMap<K, { deps: readonly unknown[]; value: V }>();
  return (key, deps, ...args) => {
    const cached = cache.get(key);
    if (cached && cached.deps.length === deps.length && cached.deps.every((d, i) => d === deps[i])) return cached.value;
    const value = compute(...args);
    cache.set(key, { deps, value });
    return value;
  };
}

/**
 * The value placed at an offset, for the last offset asked per key: a chunk before an edit keeps its offset, so its
 * placed facts (blocks, cross-references at document offsets) are reused; a chunk after it is placed again.
 */
export function lastPlacement<K extends object, V>(place: (key: K, offset: number) => V): (key: K, offset: number) => V {
  const cache = new WeakMap<K, { offset: number; value: V }>();
  return (key, offset) => {
    const last = cache.get(key);
    if (last?.offset === offset) return last.value;
    const value = place(key, offset);
    cache.set(key, { offset, value });
    return value;
  };
}
