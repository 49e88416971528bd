/**
 * PURE: a batch's rows split by the column values they share (a campaign's rows share shop,
 * channel, campaign and send time), so a bulk insert binds those values once per statement and
 * carries only each row's own values in its JSON list. Fewer bytes per row is what the insert's
 * cost follows: Prisma copies and re-parses every bound byte, and SQLite extracts every JSON field
 * (binding six of the twelve outbox columns once made SQLite's share of the insert ~2× faster).
 */

export interface SharedGroup {
  /** The values every row of the group has, as `shared` returned them for its first row. */
  values: readonly unknown[];
  /** The group's rows, as indexes into the batch, in batch order. */
  indexes: number[];
}

/**
 * Groups the rows by `shared(row)` (compared value by value with `===`, so it should return
 * strings, numbers or null), in order of first appearance. A batch whose rows all agree is one
 * group, found without building any keys.
 */
export function groupByShared<T>(rows: readonly T[], shared: (row: T) => readonly unknown[]): SharedGroup[] {
  if (rows.length === 0) return [];
  const first = shared(rows[0] as T);
  const same = (values: readonly unknown[]) => values.length === first.length && values.every((v, k) => v === first[k]);
  let i = 1;
  while (i < rows.length && same(shared(rows[i] as T))) i++;
  if (i === rows.length) return [{ values: first, indexes: Array.from({ length: rows.length }, (_, n) => n) }];
  const groups = new Map<string, SharedGroup>();
  rows.forEach((row, n) => {
    const values = shared(row);
    const key = JSON.stringify(values);
    const group = groups.get(key);
    if (group) group.indexes.push(n);
    else groups.set(key, { values, indexes: [n] });
  });
  return [...groups.values()];
}
