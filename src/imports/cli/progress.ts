import { SingleBar } from 'cli-progress';

/**
 * Where an import command is, on stderr: a bar on a terminal, and a line per step elsewhere (a CI log, a pipe), so
 * that stdout holds only the report.
 */
export class Progress {
  private readonly bar: SingleBar | undefined;
  private done = 0;

  constructor(private readonly total: number) {
    if (process.stderr.isTTY) {
      this.bar = new SingleBar({ stream: process.stderr, format: 'import: [{bar}] {value}/{total} {step}', hideCursor: true, clearOnComplete: false });
      this.bar.start(total, 0, { step: 'starting' });
    }
  }

  step(name: string): void {
    this.done = Math.min(this.done + 1, this.total);
    if (this.bar) this.bar.update(this.done, { step: name });
    else console.error(`import: ${name}`);
  }

  stop(): void {
    this.bar?.stop();
  }
}
