// How long the event loop is blocked, measured robustly on a busy machine: a timer due every 5 ms,
// and for each late firing the CPU time the loop's thread spent in the gap (Linux's
// /proc/thread-self; 10 ms ticks). On a loaded machine a block of 20 ms of work can take 200 ms of
// wall time while other processes have the cores: that is the machine, not the code under test.
// Elsewhere than Linux the wall time of the gaps is taken.
import { readFileSync } from 'node:fs';

function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}

/** Starts watching; stop() gives the longest block (ms of the loop's CPU) and the longest gap (wall ms). */
export function watchLoop(): { stop: () => { maxMs: number; wallMs: number; ticks: number } } {
  const TICK = 5;
  let last = performance.now();
  let lastCpu = threadCpuMs();
  let maxMs = 0;
  let wallMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = threadCpuMs();
    const gap = now - last - TICK;
    ticks++;
    if (gap > 3 * TICK) {
      wallMs = Math.max(wallMs, gap);
      maxMs = Math.max(maxMs, cpu !== null && lastCpu !== null ? cpu - lastCpu : gap);
    }
    last = now;
    lastCpu = cpu;
  }, TICK);
  return {
    stop() {
      clearInterval(timer);
      // the gap up to now counts too
      const cpu = threadCpuMs();
      const gap = performance.now() - last - TICK;
      if (gap > 3 * TICK) {
        wallMs = Math.max(wallMs, gap);
        maxMs = Math.max(maxMs, cpu !== null && lastCpu !== null ? cpu - lastCpu : gap);
      }
      return { maxMs, wallMs, ticks };
    },
  };
}
