// Typed arrays for one period's state, recycled once the state is no longer needed. A county
// year of 100,000 units allocates ~50 MB of arrays per period; allocating them afresh makes V8
// run a full collection for "external memory pressure" every period, which cost more than the
// scoring itself. Only the current and the previous period are ever alive, so two sets suffice.

type Kind = 'f64' | 'i32' | 'u8' | 'u16';
type Arr = Float64Array | Int32Array | Uint8Array | Uint16Array;

export class Arena {
  private readonly free = new Map<string, Arr[]>();
  private owned: Arr[] | null = null;

  /** Starts recording: every array taken until the next begin belongs to the returned list. */
  begin(): Arr[] {
    const list: Arr[] = [];
    this.owned = list;
    return list;
  }

  /** Gives a period's arrays back for reuse; they must not be read afterwards. */
  release(list: Arr[]): void {
    for (const a of list) {
      const key = kindOf(a) + a.length;
      let l = this.free.get(key);
      if (!l) this.free.set(key, (l = []));
      l.push(a);
    }
    list.length = 0;
  }

  private take(kind: Kind, n: number): Arr {
    const l = this.free.get(kind + n);
    let a = l?.pop();
    if (a) a.fill(0);
    else a = kind === 'f64' ? new Float64Array(n) : kind === 'i32' ? new Int32Array(n) : kind === 'u8' ? new Uint8Array(n) : new Uint16Array(n);
    this.owned?.push(a);
    return a;
  }

  f64(n: number): Float64Array {
    return this.take('f64', n) as Float64Array;
  }
  i32(n: number): Int32Array {
    return this.take('i32', n) as Int32Array;
  }
  u8(n: number): Uint8Array {
    return this.take('u8', n) as Uint8Array;
  }
  u16(n: number): Uint16Array {
    return this.take('u16', n) as Uint16Array;
  }
}

function kindOf(a: Arr): Kind {
  return a instanceof Float64Array ? 'f64' : a instanceof Int32Array ? 'i32' : a instanceof Uint8Array ? 'u8' : 'u16';
}

/** Plain allocation, for callers outside the period loop. */
export const FRESH = {
  f64: (n: number) => new Float64Array(n),
  i32: (n: number) => new Int32Array(n),
  u8: (n: number) => new Uint8Array(n),
  u16: (n: number) => new Uint16Array(n),
};

export type Alloc = Pick<Arena, 'f64' | 'i32' | 'u8' | 'u16'>;
