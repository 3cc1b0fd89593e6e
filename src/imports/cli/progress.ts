import { SingleBar } from 'cli-progress';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { withMigratedDatabase } from '../../database/database-server';

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

/**
 * Runs an import command's `work` on the migrated database once the organization named by --org is known to exist
 * (else exit 1, saying how to get one), and stops the progress display however it ends.
 */
export async function withImportOrganization(config: AppConfig, organizationId: string, progress: Progress, work: (dataSource: DataSource) => Promise<number>): Promise<number> {
  const log = (message: string) => console.error(`import: ${message}`);
  try {
    return await withMigratedDatabase(config, log, async (dataSource) => {
      const found: unknown[] = await dataSource.query('SELECT 1 FROM organization WHERE id = $1', [organizationId]);
      if (found.length === 0) {
        progress.stop();
        console.error(`import: --org: no organization ${organizationId} in this database; org:create prints the id of a new one`);
        return 1;
      }
      return await work(dataSource);
    });
  } finally {
    progress.stop();
  }
}
