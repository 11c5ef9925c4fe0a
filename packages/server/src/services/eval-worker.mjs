// Entry of an evaluation worker thread (services/evaluator.ts): TypeScript through tsx, then each
// message { id, task } is answered with { id, ok, value } or { id, ok: false, error }.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./eval-task.ts');
parentPort.on('message', ({ id, task }) => {
  try {
    parentPort.postMessage({ id, ok: true, value: runTask(task) });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
  }
});
parentPort.postMessage({ ready: true });
