// Where the engine runs for stored results and explanations: in a small pool of worker threads,
// so that the event loop stays free for everyone else's requests (a recompute takes tens of
// milliseconds at 70 units, seconds at 10,000) and a recompute of one campaign runs beside, not in
// front of, another campaign's save. Only tiny campaigns are evaluated inline (a millisecond or so
// of work, less than a worker round trip).
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { runTask, type ExplainOutput, type ExplainTask, type StoreOutput, type StoreTask, type Task } from './eval-task.ts';

interface Job { id: number; task: Task; resolve: (v: unknown) => void; reject: (e: Error) => void }
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

  constructor(opts: EvaluatorOptions = {}) {
    this.threads = opts.threads ?? Math.min(4, Math.max(2, availableParallelism()));
    this.inlineBelow = opts.inlineBelow ?? 2_000;
  }

  /** `work`: units × indicators × periods of the campaign's spec */
  store(task: StoreTask, work: number): Promise<StoreOutput> {
    return this.run(task, work) as Promise<StoreOutput>;
  }

  /** `work`: the figures that count */
  explain(task: ExplainTask, work: number): Promise<ExplainOutput> {
    return this.run(task, work) as Promise<ExplainOutput>;
  }

  private run(task: Task, work: number): Promise<unknown> {
    if (work < this.inlineBelow || this.closed) {
      this.ran.inline++;
      return Promise.resolve().then(() => runTask(task));
    }
    this.ran.worker++;
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.seq, task, resolve, reject });
      this.pump();
    });
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./eval-worker.mjs', import.meta.url));
    worker.unref();
    let ready!: () => void;
    const slot: Slot = { worker, ready: new Promise<void>((r) => { ready = r; }), job: null };
    worker.on('message', (m: { ready?: true; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      if (m.ready) { ready(); return; }
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.job = null;
      if (m.ok) job.resolve(m.value);
      else job.reject(new Error(m.error));
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
