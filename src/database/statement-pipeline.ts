import { type Connection, type FieldDef, Result, type Submittable } from 'pg';

/** One statement of a pipeline: its text and its parameters (text or null, as PostgreSQL receives them). */
export interface PipelinedStatement {
  sql: string;
  params?: ReadonlyArray<string | number | null>;
}

/** What pg's Result does beyond its typings (lib/result.js): the Query class fills one the same way. */
interface FillableResult {
  rows: Array<Record<string, unknown>>;
  rowCount: number | null;
  addFields(fields: FieldDef[]): void;
  parseRow(values: unknown[]): Record<string, unknown>;
  addRow(row: Record<string, unknown>): void;
  addCommandComplete(message: { text?: string }): void;
}

/** The messages of pg's Connection a pipeline sends (its typings lag behind pg 8's one-argument methods). */
interface Wire {
  stream: { cork?: () => void; uncork?: () => void };
  parse(query: { text: string; types: number[] }): void;
  bind(config: { values: Array<string | null> }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(config: { portal: string; rows: number }): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

/** The rows each statement returned and how many rows it touched, in the order they were sent. */
export interface PipelinedResult {
  rows: Array<Record<string, unknown>>;
  rowCount: number | null;
}

/**
 * Sends several statements to PostgreSQL in one write and reads their answers in one round trip: each statement as
 * its own Parse, Bind, Describe and Execute of the extended protocol (real parameters, nothing spliced into the
 * text), and a single Sync after the last (libpq calls this pipeline mode). The server still runs them one after the
 * other, each with its own snapshot under READ COMMITTED, exactly as if the client had waited for each answer; only
 * the client's waits between them are gone.
 *
 * On the first error the server discards the statements after it up to the Sync, so when they form a transaction
 * (BEGIN … COMMIT) it is left aborted and its COMMIT never runs: the caller rolls back. A pg `Submittable`: hand it to
 * a pg client's `query()`, which sends it when the connection is free and routes the answers here.
 */
export class StatementPipeline implements Submittable {
  private readonly results: FillableResult[];
  /** The statement whose answers arrive now. */
  private current = 0;
  private error: unknown;
  private settle!: { resolve: (results: PipelinedResult[]) => void; reject: (error: unknown) => void };
  readonly done: Promise<PipelinedResult[]>;

  constructor(readonly statements: readonly PipelinedStatement[]) {
    if (statements.length === 0) throw new Error('StatementPipeline: no statements to send');
    this.results = statements.map(() => new Result('object', undefined as never) as unknown as FillableResult);
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: Connection): void {
    const wire = connection as unknown as Wire;
    // Corked, the messages of every statement leave in one write (one system call, one packet on loopback).
    wire.stream.cork?.();
    try {
      for (const { sql, params = [] } of this.statements) {
        wire.parse({ text: sql, types: [] });
        wire.bind({ values: params.map((p) => (p === null ? null : String(p))) });
        wire.describe({ type: 'P', name: '' });
        wire.execute({ portal: '', rows: 0 });
      }
      wire.sync();
    } finally {
      wire.stream.uncork?.();
    }
  }

  // The pg client routes the server's answers to these (the same hooks its own Query has).

  handleRowDescription(message: { fields: FieldDef[] }): void {
    this.results[this.current].addFields(message.fields);
  }

  handleDataRow(message: { fields: unknown[] }): void {
    if (this.error !== undefined) return;
    try {
      const result = this.results[this.current];
      result.addRow(result.parseRow(message.fields));
    } catch (error) {
      this.error = error;
    }
  }

  handleCommandComplete(message: { text?: string }): void {
    this.results[this.current].addCommandComplete(message);
    this.current += 1;
  }

  handleEmptyQuery(): void {
    this.current += 1;
  }

  /** The server's error: the statements after it were skipped up to the Sync, whose ReadyForQuery the client consumes. */
  handleError(error: unknown): void {
    this.settle.reject(this.error ?? error);
  }

  handleReadyForQuery(): void {
    if (this.error !== undefined) this.settle.reject(this.error);
    else if (this.current !== this.statements.length) this.settle.reject(new Error(`StatementPipeline: ${this.current} of ${this.statements.length} statements answered`));
    else this.settle.resolve(this.results.map(({ rows, rowCount }) => ({ rows, rowCount })));
  }

  handlePortalSuspended(): void {
    this.settle.reject(new Error('StatementPipeline: a portal was suspended (rows limit), which a pipeline never asks for'));
  }

  handleCopyInResponse(connection: Connection): void {
    (connection as unknown as Wire).sendCopyFail('COPY is not supported in a statement pipeline');
  }

  handleCopyData(): void {}
}
