import { type Connection, type FieldDef, Result, type Submittable } from 'pg';

/**
 * One statement of a pipeline: its text and its parameters (text or null, as PostgreSQL receives them). A `name` makes
 * it a prepared statement of the connection: parsed and planned once per connection, then only bound and executed
 * (give names to fixed texts only: each name holds a plan in the server for the connection's life).
 */
export interface PipelinedStatement {
  sql: string;
  params?: ReadonlyArray<string | number | null>;
  name?: string;
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
  /** Names pg's own Query has prepared on this connection, with their texts; a pipeline keeps its own there too. */
  parsedStatements: Record<string, string>;
  parse(query: { text: string; name?: string; types: number[] }): void;
  bind(config: { statement?: string; values: Array<string | null> }): void;
  close(message: { type: 'S'; name: string }): void;
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
  /** The connection's prepared statements, and the names this pipeline parses anew (known parsed once answered). */
  private parsed?: Record<string, string>;
  private parsing: Array<{ index: number; name: string; sql: string }> = [];
  private settle!: { resolve: (results: PipelinedResult[]) => void; reject: (error: unknown) => void };
  readonly done: Promise<PipelinedResult[]>;

  constructor(readonly statements: readonly PipelinedStatement[]) {
    if (statements.length === 0) throw new Error('StatementPipeline: no statements to send');
    const names = statements.flatMap((s) => (s.name === undefined ? [] : [s.name]));
    if (new Set(names).size !== names.length) throw new Error(`StatementPipeline: a name given twice among ${names.join(', ')}`);
    this.results = statements.map(() => new Result('object', undefined as never) as unknown as FillableResult);
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  /** Writes the pipeline; an Error returned (a name prepared for another text) is what pg then hands to handleError. */
  submit(connection: Connection): Error | undefined {
    const wire = connection as unknown as Wire;
    this.parsed = wire.parsedStatements;
    for (const { sql, name } of this.statements) {
      const known = name === undefined ? undefined : this.parsed[name];
      if (known !== undefined && known !== sql) return new Error(`StatementPipeline: the name ${name} was prepared for another statement`);
    }
    // Corked, the messages of every statement leave in one write (one system call, one packet on loopback).
    wire.stream.cork?.();
    try {
      for (const [index, { sql, params = [], name }] of this.statements.entries()) {
        if (name === undefined || this.parsed[name] === undefined) {
          // A named statement whose earlier Parse went out in a pipeline that failed may or may not exist: Close it
          // first (closing a statement that does not exist is no error).
          if (name !== undefined) {
            wire.close({ type: 'S', name });
            this.parsing.push({ index, name, sql });
          }
          wire.parse({ text: sql, name, types: [] });
        }
        wire.bind({ statement: name, values: params.map((p) => (p === null ? null : String(p))) });
        wire.describe({ type: 'P', name: '' });
        wire.execute({ portal: '', rows: 0 });
      }
      wire.sync();
    } finally {
      wire.stream.uncork?.();
    }
    return undefined;
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
    this.remember(this.current);
    this.settle.reject(this.error ?? error);
  }

  /** The statements before `answered` were parsed for sure; the one that failed and those skipped after it maybe not. */
  private remember(answered: number): void {
    for (const { index, name, sql } of this.parsing) if (index < answered && this.parsed) this.parsed[name] = sql;
  }

  handleReadyForQuery(): void {
    this.remember(this.current);
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
