// Reading what a stranger or a reporter sends, off the event loop: spec texts, CSV and .xlsx files
// are read in worker threads, each task within a heap limit (a file that needs more memory than its
// figures ever could is refused with an issue naming the problem) and a file's within a time limit
// too (the worker is terminated when it overruns, and the file refused the same way); a spec's
// reading is bounded by counts (characters, nesting, values after aliases), never by the clock. The event loop only
// sends the bytes and receives plain rows or issues, so one hostile file cannot stall everyone
// else's requests. Small inputs that cannot hide a bomb (a short CSV, a short spec without YAML
// anchors) are read inline: a worker round trip would cost more than the work. The same readers
// (read-task.ts) run in both places; the CLI calls them directly.
import { Worker } from 'node:worker_threads';
import type { Issue, Result } from '@leitai/engine';
import { DEFAULT_LIMITS, type ReadLimits } from './limits.ts';
import { isZip, runReadTask, type Grid, type ReadTask } from './read-task.ts';
import type { LongRow } from './rows.ts';

export interface OffLoopOptions {
  /** worker threads (default 2) */
  threads?: number;
  /** a file's reading may take timeBaseMs + timePerMbMs per MB of input (defaults 10 s + 4 s/MB, at most 120 s); a spec's has no time limit */
  timeBaseMs?: number;
  timePerMbMs?: number;
  /** a worker's heap (default 1024 MB): a file that needs more is refused */
  maxHeapMb?: number;
  /** CSV files and spec texts without anchors shorter than this are read inline (default 16 KiB; 0: never) */
  inlineBelow?: number;
}

interface Job { id: number; task: ReadTask; size: number; resolve: (v: Result<unknown>) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; ready: Promise<void>; job: Job | null; timer: ReturnType<typeof setTimeout> | null }

const MB = 1024 * 1024;

function overrun(seconds: number): Issue {
  return {
    kind: 'data', code: 'data.too_slow',
    message: `reading the file took more than ${seconds} s, far more than its figures need; save only the figures as a new file, or split it`,
    messageZh: `读取该文件超过 ${seconds} 秒，远超数据所需；请只保留数据另存为新文件，或拆分后上传`,
  };
}

function outOfMemory(task: ReadTask, mb: number): Issue {
  if (task.kind === 'spec') {
    return {
      kind: 'spec', code: 'spec.too_large', path: '',
      message: `reading the spec needed more than ${mb} MB of memory; write it out plainly and keep it smaller`,
      messageZh: `读取规则文件所需内存超过 ${mb} MB，请精简后再提交`,
    };
  }
  return {
    kind: 'data', code: 'data.too_large',
    message: `reading the file needed more than ${mb} MB of memory (a "zip bomb" or a sheet far larger than figures need); save only the figures as a new file`,
    messageZh: `读取该文件所需内存超过 ${mb} MB（压缩炸弹，或远超数据所需的表格），请只保留数据另存为新文件`,
  };
}

export class ReaderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private seq = 0;
  readonly threads: number;
  readonly timeBaseMs: number;
  readonly timePerMbMs: number;
  readonly maxHeapMb: number;
  readonly inlineBelow: number;

  constructor(opts: OffLoopOptions = {}) {
    this.threads = opts.threads ?? 2;
    this.timeBaseMs = opts.timeBaseMs ?? 10_000;
    this.timePerMbMs = opts.timePerMbMs ?? 4_000;
    this.maxHeapMb = opts.maxHeapMb ?? 1024;
    this.inlineBelow = opts.inlineBelow ?? 16 * 1024;
  }

  /** The contract's long format (CSV or .xlsx) as data rows, or the issues that refuse the file. */
  readRows(bytes: Uint8Array, filename: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<Result<LongRow[]>> {
    return this.run({ kind: 'rows', bytes, filename, limits }) as Promise<Result<LongRow[]>>;
  }

  /** The first sheet of an .xlsx, or a UTF-8 CSV, as rows of cell texts. */
  readGrid(bytes: Uint8Array, filename: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<Result<Grid>> {
    return this.run({ kind: 'grid', bytes, filename, limits }) as Promise<Result<Grid>>;
  }

  /** A spec text's issues (ok: it reads and validates). The caller then parses it: within limits. */
  checkSpec(text: string): Promise<Result<null>> {
    return this.run({ kind: 'spec', text }) as Promise<Result<null>>;
  }

  /** Whether a task is read inline: small, and unable to hide a bomb. */
  private inline(task: ReadTask): boolean {
    if (task.kind === 'spec') return task.text.length < this.inlineBelow && !task.text.includes('&');
    return task.bytes.length < this.inlineBelow && !isZip(task.bytes) && !/\.xlsx$/i.test(task.filename);
  }

  private run(task: ReadTask): Promise<Result<unknown>> {
    if (this.inline(task)) return runReadTask(task);
    const size = task.kind === 'spec' ? task.text.length : task.bytes.length;
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.seq, task, size, resolve, reject });
      this.pump();
    });
  }

  /** The time limit of a task of `size` bytes (or characters). */
  limitMs(size: number): number {
    return Math.min(120_000, this.timeBaseMs + Math.ceil((this.timePerMbMs * size) / MB));
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./read-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    worker.unref();
    let ready!: () => void;
    const slot: Slot = { worker, ready: new Promise<void>((r) => { ready = r; }), job: null, timer: null };
    worker.on('message', (m: { ready?: true; id?: number; ok?: boolean; value?: Result<unknown>; error?: string }) => {
      if (m.ready) { ready(); return; }
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      this.release(slot);
      if (m.ok) job.resolve(m.value as Result<unknown>);
      else job.reject(new Error(m.error));
      this.pump();
    });
    // a worker that dies takes its job with it: out of memory refuses the input, anything else is a fault
    const fail = (err: Error & { code?: string }) => {
      const job = slot.job;
      this.drop(slot);
      ready();
      if (job) {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') job.resolve({ ok: false, issues: [outOfMemory(job.task, this.maxHeapMb)] });
        else job.reject(err);
      }
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`reader worker exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.threads) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.job = job;
      // a job in progress keeps the process alive
      slot.worker.ref();
      const s = slot;
      void s.ready.then(() => {
        if (s.job !== job) return;
        // A spec's reading is bounded by counts (the engine's READ_LIMITS: characters, nesting, values
        // after aliases are expanded), not by the clock: whether a spec is read must not depend on how
        // busy the machine is. A file's reading is also bounded by time (rows of a CSV, cells of a sheet).
        if (job.task.kind !== 'spec') {
          const ms = this.limitMs(job.size);
          s.timer = setTimeout(() => {
            // overrun: the worker is stopped (whatever it was doing) and the input refused
            this.drop(s);
            void s.worker.terminate();
            job.resolve({ ok: false, issues: [overrun(Math.round(ms / 1000))] });
            this.pump();
          }, ms);
        }
        if (job.task.kind === 'spec') s.worker.postMessage({ id: job.id, task: job.task });
        else {
          // a copy of the bytes, moved (not copied again) to the worker
          const bytes = job.task.bytes.slice();
          s.worker.postMessage({ id: job.id, task: { ...job.task, bytes } }, [bytes.buffer]);
        }
      });
    }
  }

  async close(): Promise<void> {
    for (const j of this.queue.splice(0)) j.reject(new Error('the readers are closing'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}

/** The process's readers (servers read every upload and spec text through them). */
export const readers = new ReaderPool();
