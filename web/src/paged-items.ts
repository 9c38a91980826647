/** An item's identity in a paged list: its `id`, or its node's for an edge; the item itself otherwise. */
export function identityOf(item: unknown): unknown {
  const value = item as { id?: unknown; node?: { id?: unknown } | null } | null;
  return value?.id ?? value?.node?.id ?? item;
}

/**
 * The rows shown after "Voir plus": the next page appended, without showing a row twice. A row
 * already shown that comes again (its sort key changed between the two reads, e.g. renamed or
 * updated meanwhile) stays where the reader saw it, with the newer copy's data.
 */
export function appendPage<Item>(shown: readonly Item[], page: readonly Item[]): Item[] {
  const arriving = new Map(page.map((item) => [identityOf(item), item]));
  const kept = shown.map((item) => arriving.get(identityOf(item)) ?? item);
  const shownIds = new Set(shown.map(identityOf));
  return [...kept, ...page.filter((item) => !shownIds.has(identityOf(item)))];
}
