// Entry of a reader worker thread (off-loop.ts): TypeScript through tsx, then each message
// { id, task } is answered with { id, ok: true, value } or { id, ok: false, error }.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runReadTask } = await import('./read-task.ts');
parentPort.on('message', ({ id, task }) => {
  runReadTask(task).then(
    (value) => parentPort.postMessage({ id, ok: true, value }),
    (err) => parentPort.postMessage({ id, ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) }),
  );
});
parentPort.postMessage({ ready: true });
