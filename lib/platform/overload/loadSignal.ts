/**
 * How loaded this process was, interval by interval: its event loop's delay (how late a timer fired,
 * p99), from Node's own perf_hooks, which is also what `@fastify/under-pressure` reads. Each
 * interval's sample goes to `onSample` (AdmissionControl.adapt); the timer does not keep the process
 * alive.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AdmissionControl, type AdmissionSettings, type LoadSample } from './admission';

/** Defaults to 100 ms: a flood is met within a few tenths of a second. */
export const LOAD_SAMPLE_INTERVAL_MS = 100;

export function watchLoad(
  onSample: (sample: LoadSample) => void,
  intervalMs = LOAD_SAMPLE_INTERVAL_MS,
): { stop(): void } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const timer = setInterval(() => {
    onSample({ delayMs: delay.percentile(99) / 1e6 });
    delay.reset();
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      delay.disable();
    },
  };
}

/** An admission control whose limit follows this process's load; `stop` ends the watching. */
export function adaptiveAdmission(settings: AdmissionSettings): {
  admission: AdmissionControl;
  stop(): void;
} {
  const admission = new AdmissionControl(settings);
  const load = watchLoad((sample) => admission.adapt(sample));
  return { admission, stop: () => load.stop() };
}
