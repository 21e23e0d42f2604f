/**
 * Sets `key` as the newest entry of an insertion-ordered map holding at most `max` entries: the
 * oldest goes first when it is full. For per-link and per-client bookkeeping in memory.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (!map.delete(key) && map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
}
