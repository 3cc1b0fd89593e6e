/** Runs one of the service's command-line tools (built, in dist/) as users do, against a test database. */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface CliRun {
  status: number | null;
  /** stdout as text, and as bytes (an export writes a binary workbook there). */
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/** `script`: relative to dist/src, e.g. 'imports/cli/import.js'. The catalog is not loaded again (CROSSWALK_LOAD_MAPPINGS=false). */
export function runCli(script: string, args: string[], options: { cwd: string; databaseUrl: string }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('dist/src', script), ...args], {
      cwd: options.cwd,
      env: { ...process.env, DATABASE_URL: options.databaseUrl, CROSSWALK_LOAD_MAPPINGS: 'false' },
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ status, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr });
    });
  });
}
