import { jest } from '@jest/globals';
import { QueryCounter } from './query-counter';

const refusal = (code: string) => Object.assign(new Error('duplicate key value violates unique constraint "uq_control_code"'), { code });

describe('QueryCounter.logQueryError', () => {
  it('logs a statement refused by a constraint, a serialization failure or our own lock at debug, not as a failure', () => {
    const warn = jest.fn();
    const debug = jest.fn();
    const counter = new QueryCounter(warn, debug);
    for (const code of ['23505', '23503', '23514', '40001', 'CW404']) counter.logQueryError(refusal(code), 'INSERT INTO control ...');
    expect(warn).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledTimes(5);
    expect(debug.mock.calls[0][0]).toMatch(/^refused by the database \(SQLSTATE 23505\), answered with a coded error: duplicate key/);
  });

  it('logs anything else as a failure', () => {
    const warn = jest.fn();
    const debug = jest.fn();
    const counter = new QueryCounter(warn, debug);
    counter.logQueryError(Object.assign(new Error('relation "nope" does not exist'), { code: '42P01' }), 'SELECT * FROM nope');
    counter.logQueryError('connection terminated', 'SELECT 1');
    expect(debug).not.toHaveBeenCalled();
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      'query failed: relation "nope" does not exist -- SELECT * FROM nope',
      'query failed: connection terminated -- SELECT 1',
    ]);
  });
});
