/** What `ByteBoundedLru` does with an entry larger than the whole bound when it is set. */
export type Oversized =
  /** Not kept (and nothing pushed out for it): it would only push out everything else. */
  | 'refuse'
  /** Kept alone: everything else goes for it. */
  | 'alone';

export interface ByteBoundedLruOptions {
  /** The bound on the bytes its entries are counted for, together. */
  maxBytes: number;
  /** A bound on how many entries it keeps, besides the bytes (none by default). */
  maxEntries?: number;
  /** An entry larger than `maxBytes` on its own: refused (the default) or kept alone. */
  oversized?: Oversized;
}

interface Slot<V> {
  readonly value: V;
  bytes: number;
}

/**
 * A Map bounded by the bytes its entries are counted for (an estimate the owner gives per entry,
 * which may grow after it is set: `grow`), the oldest first out. The Map's insertion order is the
 * eviction order: `get` moves a hit to the end (least recently used out first), `peek` does not (an
 * owner whose entries all live as long keeps expiry order). No object is allocated per `get` or `peek`.
 * Values are told apart by identity (`grow`), so keep objects, not primitives.
 */
export class ByteBoundedLru<K, V> {
  readonly maxBytes: number;
  readonly maxEntries: number;
  private readonly oversized: Oversized;
  private readonly slots = new Map<K, Slot<V>>();
  private held = 0;

  constructor(options: ByteBoundedLruOptions) {
    this.maxBytes = options.maxBytes;
    this.maxEntries = options.maxEntries ?? Infinity;
    this.oversized = options.oversized ?? 'refuse';
  }

  /** How many entries it keeps. */
  get size(): number {
    return this.slots.size;
  }

  /** The bytes its entries are counted for, together. */
  get bytes(): number {
    return this.held;
  }

  /** The value kept at `key`, which becomes the most recently used. */
  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  /** The value kept at `key`, its place in the order unchanged. */
  peek(key: K): V | undefined {
    return this.slots.get(key)?.value;
  }

  /**
   * Keeps `value` at `key`, counted for `bytes`, as the most recently used; what was kept there goes
   * first. Then the least recently used others go until it fits both bounds. Returns whether it is
   * kept: an entry over `maxBytes` on its own is not, unless `oversized` is 'alone'.
   */
  set(key: K, value: V, bytes: number): boolean {
    this.delete(key);
    if (bytes > this.maxBytes && this.oversized === 'refuse') return false;
    while (this.slots.size > 0 && (this.slots.size + 1 > this.maxEntries || this.held + bytes > this.maxBytes)) {
      this.delete(this.slots.keys().next().value!);
    }
    this.slots.set(key, { value, bytes });
    this.held += bytes;
    return true;
  }

  /**
   * `value` holds `bytes` more (or, negative, fewer) than it was counted for, as long as it is still
   * the value kept at `key` (else nothing: what a forgotten entry makes later is not counted). Its
   * place in the order is unchanged. An entry now over `maxBytes` on its own goes alone; else the
   * least recently used others go until the whole is within the bound.
   */
  grow(key: K, value: V, bytes: number): void {
    const slot = this.slots.get(key);
    if (slot === undefined || slot.value !== value) return;
    // Never below nothing: a shrink past what was counted would leave the total short of the
    // entries' bytes, and the bound exceeded once the entry went.
    const change = Math.max(bytes, -slot.bytes);
    slot.bytes += change;
    this.held += change;
    if (slot.bytes > this.maxBytes) {
      this.delete(key);
      return;
    }
    for (const other of this.slots.keys()) {
      if (this.held <= this.maxBytes) break;
      if (other !== key) this.delete(other);
    }
  }

  /** Forgets the entry at `key`, and its bytes; whether there was one. */
  delete(key: K): boolean {
    const slot = this.slots.get(key);
    if (slot === undefined) return false;
    this.slots.delete(key);
    this.held -= slot.bytes;
    return true;
  }

  clear(): void {
    this.slots.clear();
    this.held = 0;
  }

  /** The keys, least recently used (or oldest set, for an owner that only peeks) first; deleting the current one is safe. */
  keys(): IterableIterator<K> {
    return this.slots.keys();
  }
}
