/**
 * Peak memory over a phase of the benchmark, three ways:
 *   - resident set size sampled every 5 ms by a worker thread, which keeps sampling while the main thread is busy in
 *     a long synchronous computation (a timer on the main thread would not fire then);
 *   - the kernel's own high-water mark (VmHWM in /proc/self/status), reset at the start of the phase through
 *     /proc/self/clear_refs where Linux allows it; exact, where the sampler can miss a short spike;
 *   - the V8 heap's high-water mark: used heap size just before every garbage collection (v8.GCProfiler) and at every
 *     checkpoint. Used heap only grows between collections, so the largest of those is the true peak.
 * The RSS peak reported is the larger of the sampled and the kernel figure. The sampler thread's own few MiB count.
 */
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const shared = new Int32Array(workerData.buffer);
const sample = () => {
  const kib = Math.round(process.memoryUsage.rss() / 1024);
  if (kib > Atomics.load(shared, 0)) Atomics.store(shared, 0, kib);
};
sample();
setInterval(sample, workerData.intervalMs);
`;

export interface MemoryReport {
  /** Bytes: the larger of the sampled and the kernel peak. */
  rssPeak: number;
  rssSampledPeak: number;
  /** Kernel VmHWM since the phase start, or undefined when it could not be reset (then it covers the whole run). */
  rssKernelPeak: number | undefined;
  rssAtStart: number;
  heapPeak: number;
  heapAtStart: number;
  collections: number;
}

function vmHwmBytes(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export class PeakMemory {
  private readonly shared = new Int32Array(new SharedArrayBuffer(4));
  private worker: Worker | undefined;
  private profiler: v8.GCProfiler | undefined;
  private kernelReset = false;
  private heapPeak = 0;
  private heapAtStart = 0;
  private rssAtStart = 0;

  start(): void {
    try {
      fs.writeFileSync('/proc/self/clear_refs', '5');
      this.kernelReset = vmHwmBytes() !== undefined;
    } catch {
      this.kernelReset = false;
    }
    this.rssAtStart = process.memoryUsage.rss();
    Atomics.store(this.shared, 0, Math.round(this.rssAtStart / 1024));
    this.worker = new Worker(SAMPLER, { eval: true, workerData: { buffer: this.shared.buffer, intervalMs: 5 } });
    this.worker.unref();
    this.profiler = new v8.GCProfiler();
    this.profiler.start();
    this.heapAtStart = v8.getHeapStatistics().used_heap_size;
    this.heapPeak = this.heapAtStart;
  }

  /** Call between operations: the heap may be at a local peak just before the next collection. */
  checkpoint(): void {
    const used = v8.getHeapStatistics().used_heap_size;
    if (used > this.heapPeak) this.heapPeak = used;
    const kib = Math.round(process.memoryUsage.rss() / 1024);
    if (kib > Atomics.load(this.shared, 0)) Atomics.store(this.shared, 0, kib);
  }

  async stop(): Promise<MemoryReport> {
    this.checkpoint();
    const profile = this.profiler?.stop();
    this.profiler = undefined;
    for (const gc of profile?.statistics ?? []) {
      this.heapPeak = Math.max(this.heapPeak, gc.beforeGC.heapStatistics.usedHeapSize);
    }
    await this.worker?.terminate();
    this.worker = undefined;
    const sampled = Atomics.load(this.shared, 0) * 1024;
    const kernel = this.kernelReset ? vmHwmBytes() : undefined;
    return {
      rssPeak: Math.max(sampled, kernel ?? 0),
      rssSampledPeak: sampled,
      rssKernelPeak: kernel,
      rssAtStart: this.rssAtStart,
      heapPeak: this.heapPeak,
      heapAtStart: this.heapAtStart,
      collections: profile?.statistics.length ?? 0,
    };
  }

  /** Stops the sampler without a report (on errors). */
  async abandon(): Promise<void> {
    this.profiler?.stop();
    this.profiler = undefined;
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

export function fmtMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}
