/**
 * An in-process memo for figures of one organization that change slowly and cost a scan to
 * compute (a tag list, last weeks' queue measures). Keyed by the organization first, so a value
 * computed under one tenant's settings is only ever handed back for the same tenant. The
 * promise is kept, so requests arriving together share one computation; a failure is not kept.
 * Each server instance keeps its own copy: a value is at most `ttlMs` old, wherever it is read.
 */
export function tenantMemo<T>(ttlMs: number, maxEntries = 1_000) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (organizationId: string, key: string, load: () => Promise<T>): Promise<T> => {
    const id = `${organizationId}\u0000${key}`;
    const now = Date.now();
    const hit = entries.get(id);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = load();
    entries.delete(id);
    entries.set(id, { at: now, value });
    value.catch(() => {
      if (entries.get(id)?.value === value) entries.delete(id);
    });
    // The oldest entry goes first (a Map iterates in insertion order).
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return value;
  };
}
