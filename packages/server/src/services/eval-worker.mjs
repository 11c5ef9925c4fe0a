// Entry of an evaluation worker thread (services/evaluator.ts): TypeScript through tsx, then each
// message { id, task } is answered with { id, ok, value } or { id, ok: false, error }. A store
// task's rows come first, one at a time: { id, row, held } is posted (the bodies as bytes, moved), the next row is made while
// the caller writes it, and the worker waits for { id, ack: true } (false: the caller stopped)
// before posting the next; the final answer's value is { periods }.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// A period's row of a large campaign leaves hundreds of megabytes of result objects behind (at
// 10,000 units × 30 indicators: ~300 MB, its text 24 MB); left to itself V8 lets the heap grow to
// three periods' worth before collecting. Collected right after such a row is made, the worker
// holds one period's garbage at most. (V8 flags are the process's: this exposes `gc` only in the
// new context made here.)
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc');
setFlagsFromString('--no-expose-gc');
/** text above which the garbage of making it is collected at once */
const COLLECT_ABOVE = 4 * 1024 * 1024;
const big = (row) => row.body.length + row.publicBody.length + row.standings.length > COLLECT_ABOVE;
/** within a row: after its full body, while the period's result is still needed for the reporter's form */
const midRow = (length) => { if (length > COLLECT_ABOVE / 2) collect(); };

register();
const { planStore, rowBytes, runTask } = await import('./eval-task.ts');

/** the caller's word on the row in flight, by task id */
const acks = new Map();
const ackOf = (id) => new Promise((ok) => acks.set(id, ok));

async function store(id, task) {
  const plan = planStore(task, midRow);
  let next = plan.rows.next();
  if (!next.done && big(next.value)) collect();
  // rows made and rows the caller wrote; the most made and not yet written at once
  let made = next.done ? 0 : 1;
  let acked = 0;
  let held = made;
  while (!next.done) {
    const ack = ackOf(id);
    // the bodies as bytes, moved to the caller (this thread's strings are let go with the row)
    const row = rowBytes(next.value);
    parentPort.postMessage({ id, row, held }, [row.body.buffer, row.publicBody.buffer]);
    // the next row is made while the caller writes this one
    next = plan.rows.next();
    if (!next.done) {
      held = Math.max(held, ++made - acked);
      if (big(next.value)) collect();
    }
    if (!(await ack)) {
      plan.rows.return();
      return { id, ok: false, error: 'the caller stopped storing' };
    }
    acked++;
  }
  return { id, ok: true, value: { periods: plan.periods, held } };
}

parentPort.on('message', (m) => {
  if (m.ack !== undefined) {
    const ok = acks.get(m.id);
    acks.delete(m.id);
    ok?.(m.ack);
    return;
  }
  const { id, task } = m;
  const fail = (err) => parentPort.postMessage({ id, ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
  if (task.kind === 'store') {
    store(id, task).then((answer) => parentPort.postMessage(answer), fail);
    return;
  }
  try {
    parentPort.postMessage({ id, ok: true, value: runTask(task) });
  } catch (err) {
    fail(err);
  }
});
parentPort.postMessage({ ready: true });
