// Where the engine runs for stored results and explanations: in a small pool of worker threads,
// so that the event loop stays free for everyone else's requests (a recompute takes tens of
// milliseconds at 70 units, seconds at 10,000) and a recompute of one campaign runs beside, not in
// front of, another campaign's save. Only tiny campaigns are evaluated inline (a millisecond or so
// of work, less than a worker round trip).
//
// A store task's rows come back one period at a time (StorePlan): the worker makes a row, posts
// it, makes the next while the caller writes that one, and waits for the caller's word before
// posting the next; so neither thread holds more than two periods' rows of a year (at 10,000 units
// × 30 indicators × 12 months the year's bodies were gigabytes of strings on both sides at once).
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { planStore, rowBytes, runExplain, type ExplainOutput, type ExplainTask, type StoredRow, type StoreTask, type Task } from './eval-task.ts';

/** Where a store task's rows go, one at a time: the next row is handed over once this one's promise resolves. */
export type RowSink = (row: StoredRow) => Promise<void>;

export interface StoreDone {
  /** every period with a stored result after this write, in order */
  periods: string[];
  /** the rows handed to the sink */
  written: number;
}

interface Job {
  id: number;
  task: Task;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  /** a store task's sink, the write in flight, and the sink's failure (the task is stopped) */
  write?: RowSink;
  inflight?: Promise<void>;
  failed?: Error;
  written: number;
}
interface Slot { worker: Worker; ready: Promise<void>; job: Job | null }

export interface EvaluatorOptions {
  /** worker threads (default: the machine's parallelism, at least 2, at most 4) */
  threads?: number;
  /**
   * work below which a task runs inline: figure slots the engine goes through (a store: units ×
   * indicators × periods of the spec; an explanation: the figures that count). Default 2,000 (a 20 ×
   * 10 × 12 campaign's year is ~1 ms); 0: always a worker.
   */
  inlineBelow?: number;
}

export class Evaluator {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private seq = 0;
  private closed = false;
  readonly threads: number;
  readonly inlineBelow: number;
  /** tasks run so far, inline and in a worker thread */
  readonly ran = { inline: 0, worker: 0 };
  /**
   * The most rows of one store task made but not yet written (their sink's promise not resolved)
   * at any moment so far: what bounds a recompute's memory by a period or two, not a year.
   */
  readonly held = { max: 0 };

  constructor(opts: EvaluatorOptions = {}) {
    this.threads = opts.threads ?? Math.min(4, Math.max(2, availableParallelism()));
    this.inlineBelow = opts.inlineBelow ?? 2_000;
  }

  /**
   * Runs a store task, handing each row to `write` (the next one is made meanwhile and handed over
   * once that write resolves). `work`: units × indicators × periods of the campaign's spec. A write
   * that fails stops the task and rejects with its error.
   */
  store(task: StoreTask, work: number, write: RowSink): Promise<StoreDone> {
    if (work < this.inlineBelow || this.closed) {
      this.ran.inline++;
      return this.storeInline(task, write);
    }
    this.ran.worker++;
    return this.queued(task, write) as Promise<StoreDone>;
  }

  /** `work`: the figures that count */
  explain(task: ExplainTask, work: number): Promise<ExplainOutput> {
    if (work < this.inlineBelow || this.closed) {
      this.ran.inline++;
      return Promise.resolve().then(() => runExplain(task));
    }
    this.ran.worker++;
    return this.queued(task) as Promise<ExplainOutput>;
  }

  private async storeInline(task: StoreTask, write: RowSink): Promise<StoreDone> {
    await Promise.resolve();
    const plan = planStore(task);
    let written = 0;
    for (const row of plan.rows) {
      this.hold(1);
      await write(rowBytes(row));
      written++;
    }
    return { periods: plan.periods, written };
  }

  /** Notes `n` rows of one task made and not yet written. */
  private hold(n: number): void {
    if (n > this.held.max) this.held.max = n;
  }

  private queued(task: Task, write?: RowSink): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.seq, task, resolve, reject, write, written: 0 });
      this.pump();
    });
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./eval-worker.mjs', import.meta.url));
    worker.unref();
    let ready!: () => void;
    const slot: Slot = { worker, ready: new Promise<void>((r) => { ready = r; }), job: null };
    worker.on('message', (m: { ready?: true; id?: number; row?: StoredRow; held?: number; ok?: boolean; value?: unknown; error?: string }) => {
      if (m.ready) { ready(); return; }
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      if (m.row !== undefined) {
        // a store task's row: written, then the worker is told to go on (or to stop)
        this.hold(m.held ?? 1);
        const write = job.write as RowSink;
        job.inflight = write(m.row).then(
          () => { job.written++; slot.worker.postMessage({ id: job.id, ack: true }); },
          (err: unknown) => { job.failed = err instanceof Error ? err : new Error(String(err)); slot.worker.postMessage({ id: job.id, ack: false }); },
        );
        return;
      }
      slot.job = null;
      // the task's end waits for the write in flight (its row was handed over before the end)
      void (job.inflight ?? Promise.resolve()).then(() => {
        if (job.failed) job.reject(job.failed);
        else if (m.ok && job.write) {
          const v = m.value as { periods: string[]; held: number };
          this.hold(v.held);
          job.resolve({ periods: v.periods, written: job.written });
        } else if (m.ok) job.resolve(m.value);
        else job.reject(new Error(m.error));
      });
      this.pump();
    });
    const fail = (err: Error) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      slot.job?.reject(err);
      slot.job = null;
      ready();
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`evaluation worker exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.threads) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.job = job;
      const s = slot;
      void s.ready.then(() => {
        if (s.job !== job) return;
        // the figures' columns are the caller's copy: moved to the worker, not copied again
        const c = job.task.kind === 'store' ? job.task.columns : undefined;
        s.worker.postMessage({ id: job.id, task: job.task }, c ? [c.mant.buffer as ArrayBuffer, c.scale.buffer as ArrayBuffer, c.status.buffer as ArrayBuffer] : []);
      });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('the server is closing'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
