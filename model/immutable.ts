/** Copy-on-write helpers: a step copies only the path it changes and shares the rest. */

export function replaceAt<T>(items: readonly T[], index: number, item: T): readonly T[] {
  if (items[index] === item) return items;
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

export function updateAt<T>(items: readonly T[], index: number, update: (item: T) => T): readonly T[] {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item at index ${index}`);
  return replaceAt(items, index, update(item));
}
