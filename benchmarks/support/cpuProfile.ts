import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

/**
 * Runs `work` under the V8 CPU profiler when BENCH_CPU_PROFILE names a file, so a profile holds
 * only the measured phase (not seeding or the baseline, which `node --cpu-prof` would mix in).
 * Open the file in Chrome DevTools or speedscope.
 */
export async function profiled<T>(work: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`cpu profile of the measured phase: ${file}`);
  }
}
