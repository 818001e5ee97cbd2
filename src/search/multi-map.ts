/**
 * A map from a key to the distinct values added under it. Nearly every key has one value, which is
 * stored as is; only a key with several gets an array (a 100k-entry list has ~300k keys).
 */
export class MultiMap<K, V extends object> {
  private readonly map = new Map<K, V | V[]>();

  add(key: K, value: V): void {
    const had = this.map.get(key);
    if (had === undefined) this.map.set(key, value);
    else if (!Array.isArray(had)) {
      if (had !== value) this.map.set(key, [had, value]);
    } else if (!had.includes(value)) had.push(value);
  }

  get(key: K): readonly V[] {
    const had = this.map.get(key);
    return had === undefined ? [] : Array.isArray(had) ? had : [had];
  }
}
