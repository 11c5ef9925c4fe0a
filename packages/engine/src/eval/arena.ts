// Typed arrays for one period's state, recycled once the state is no longer needed. A county
// year of 100,000 units would otherwise allocate megabytes of arrays per period, and V8 answers
// fresh array buffers beyond ~64 MB with a full collection ("external memory pressure") that
// marks the whole heap — the spec's 100,000 units and their targets included — costing more than
// the scoring. Only the current and the previous period are ever alive, so two sets suffice.
// Scratch arrays (`tmp*`) are not owned by a period: the caller gives them back with `free` as
// soon as it is done, so that the next caller gets the same memory.

type Kind = 'f64' | 'i32' | 'u8' | 'u16';
export type Arr = Float64Array | Int32Array | Uint8Array | Uint16Array;

/**
 * The arrays a period owns: most are read only while the period is the latest (`short`); the
 * few that the next period's results read as "the previous period" (`long`) live one period more.
 */
export interface Owned {
  short: Arr[];
  long: Arr[];
}

/** Arrays given back, by kind and length, for reuse. */
export type FreeArrays = Map<string, Arr[]>;

export class Arena {
  private owned: Owned | null = null;
  /** the evaluation's own arrays (see yearF64) */
  private readonly yearOwned: Arr[] = [];

  /**
   * `free_`: the arrays given back. The evaluations of one spec share theirs (kept with the spec's
   * layout, see context.ts): an array is given back only once nothing reads it any more, so the
   * next evaluation may take it. Otherwise each evaluation of 100,000 units allocated its periods'
   * arrays afresh (tens of MB), and V8 answered with a full collection of the heap about every
   * evaluation.
   */
  constructor(private readonly free_: FreeArrays = new Map()) {}

  /** Starts recording: every array taken until the next begin belongs to the returned lists. */
  begin(): Owned {
    const owned: Owned = { short: [], long: [] };
    this.owned = owned;
    return owned;
  }

  /** Moves an array of the period being recorded to its long-lived list. */
  keepLonger(a: Arr): void {
    const o = this.owned as Owned;
    const i = o.short.lastIndexOf(a);
    if (i >= 0) o.short.splice(i, 1);
    o.long.push(a);
  }

  /**
   * Gives back every array the evaluation took for itself (yearF64 …): called once nothing reads
   * the evaluation any more (its results are made, or its caller said so: see evaluate.ts).
   */
  releaseYear(): void {
    this.release(this.yearOwned);
  }

  /** Gives arrays back for reuse; they must not be read afterwards. */
  release(list: Arr[]): void {
    for (const a of list) this.free(a);
    list.length = 0;
  }

  /** Gives one array back for reuse (scratch arrays, or arrays of a released period). */
  free(a: Arr): void {
    // a view of the first n elements of a pooled array: pool the whole array
    const full = a.buffer.byteLength !== a.byteLength ? whole(a) : a;
    const key = kindOf(full) + full.length;
    let l = this.free_.get(key);
    if (!l) this.free_.set(key, (l = []));
    l.push(full);
  }

  /**
   * An array of n elements: a pooled one of the next size class (sizes vary from period to period
   * when they count the units that reported, so exact sizes would rarely be reused), as a view of
   * exactly n elements when the class is larger; `owner`: the list it is recorded in (none for
   * scratch arrays, which the caller gives back itself).
   */
  private take(kind: Kind, n: number, owner: Arr[] | undefined, zero: boolean): Arr {
    const size = sizeClass(n);
    const l = this.free_.get(kind + size);
    let a = l?.pop();
    if (!a) a = kind === 'f64' ? new Float64Array(size) : kind === 'i32' ? new Int32Array(size) : kind === 'u8' ? new Uint8Array(size) : new Uint16Array(size);
    if (size !== n) a = a.subarray(0, n);
    if (zero) a.fill(0);
    owner?.push(a);
    return a;
  }

  /** arrays owned by the period being recorded; zeroed unless the caller writes every entry */
  f64(n: number, zero = true): Float64Array {
    return this.take('f64', n, this.owned?.short, zero) as Float64Array;
  }
  i32(n: number, zero = true): Int32Array {
    return this.take('i32', n, this.owned?.short, zero) as Int32Array;
  }
  u8(n: number, zero = true): Uint8Array {
    return this.take('u8', n, this.owned?.short, zero) as Uint8Array;
  }
  u16(n: number, zero = true): Uint16Array {
    return this.take('u16', n, this.owned?.short, zero) as Uint16Array;
  }
  /**
   * Arrays of the evaluation itself, zeroed, that live across its periods (the year's running
   * sums, tallies and streaks, the indicators' kept buffers): given back all at once by
   * releaseYear. Without them, each evaluation of 100,000 units allocated some 50 MB afresh, and
   * V8 answered with a full collection of the heap inside about every evaluation.
   */
  yearF64(n: number): Float64Array {
    return this.take('f64', n, this.yearOwned, true) as Float64Array;
  }
  yearI32(n: number): Int32Array {
    return this.take('i32', n, this.yearOwned, true) as Int32Array;
  }
  yearU8(n: number): Uint8Array {
    return this.take('u8', n, this.yearOwned, true) as Uint8Array;
  }
  /** scratch arrays: contents undefined (not zeroed), not owned by the period; give back with free */
  tmpF64(n: number): Float64Array {
    return this.take('f64', n, undefined, false) as Float64Array;
  }
  tmpI32(n: number): Int32Array {
    return this.take('i32', n, undefined, false) as Int32Array;
  }
  tmpU8(n: number): Uint8Array {
    return this.take('u8', n, undefined, false) as Uint8Array;
  }
}

/** n rounded up to 1/8 of its power of two (at most 12.5 % unused), at least 64 */
function sizeClass(n: number): number {
  if (n <= 64) return 64;
  let p = 64;
  while (p * 2 < n) p *= 2;
  const step = p / 8;
  return Math.ceil(n / step) * step;
}

/** The whole pooled array a view was cut from (pooled arrays own their buffer alone). */
function whole(a: Arr): Arr {
  return a instanceof Float64Array ? new Float64Array(a.buffer) : a instanceof Int32Array ? new Int32Array(a.buffer) : a instanceof Uint8Array ? new Uint8Array(a.buffer) : new Uint16Array(a.buffer);
}

function kindOf(a: Arr): Kind {
  return a instanceof Float64Array ? 'f64' : a instanceof Int32Array ? 'i32' : a instanceof Uint8Array ? 'u8' : 'u16';
}

/** Plain allocation, for callers outside the period loop. */
export const FRESH: Alloc = {
  f64: (n: number) => new Float64Array(n),
  i32: (n: number) => new Int32Array(n),
  u8: (n: number) => new Uint8Array(n),
  u16: (n: number) => new Uint16Array(n),
  tmpF64: (n: number) => new Float64Array(n),
  tmpI32: (n: number) => new Int32Array(n),
  tmpU8: (n: number) => new Uint8Array(n),
  free: () => undefined,
};

export type Alloc = Pick<Arena, 'f64' | 'i32' | 'u8' | 'u16' | 'tmpF64' | 'tmpI32' | 'tmpU8' | 'free'>;
