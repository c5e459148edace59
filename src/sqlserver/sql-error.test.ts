import { describe, expect, it } from 'vitest';
import { HartError } from '../engine/errors.js';
import { fakeSqlError } from '../../test/support/recording-fake-session.js';
import { locateInBatch, toSqlHartError } from './sql-error.js';

describe('SQL error mapping (NOTES: Scripts — file line = batch start line + lineNumber − 1)', () => {
  it('maps a batch-relative line to the file line', () => {
    expect(locateInBatch({ file: 'programmability/v.sql', line: 12 }, 3)).toEqual({ file: 'programmability/v.sql', line: 14 });
  });

  it('uses the lineMap when the batch crosses an :r include', () => {
    const lineMap = [
      { file: 'migrations/main.sql', line: 4 },
      { file: 'migrations/part.sql', line: 1 },
      { file: 'migrations/part.sql', line: 2 },
    ];
    expect(locateInBatch({ file: 'migrations/main.sql', line: 4, lineMap }, 3)).toEqual({ file: 'migrations/part.sql', line: 2 });
  });

  it('reports the first of the preceding errors as the cause and lists the rest', () => {
    const last = Object.assign(fakeSqlError(2759, 'CREATE SCHEMA failed due to previous errors.', { lineNumber: 2 }), {
      precedingErrors: [fakeSqlError(102, "Incorrect syntax near 'FROMM'.", { lineNumber: 2, severity: 15 })],
    });
    const error = toSqlHartError(last, { batch: { file: 'p.sql', line: 10, text: 'SELECT 1\nSELECT * FROMM t' } });
    expect(error).toBeInstanceOf(HartError);
    expect(error).toMatchObject({
      message: "p.sql:11: Incorrect syntax near 'FROMM'. (error 102, severity 15)",
      location: { file: 'p.sql', line: 11 },
      details: ['p.sql:11: SELECT * FROMM t', 'SQL Server error 102, severity 15, state 1, batch line 2', 'then error 2759: CREATE SCHEMA failed due to previous errors.'],
    });
  });

  it('leaves errors that are not SQL Server errors alone', () => {
    const socket = new Error('socket hang up');
    expect(toSqlHartError(socket)).toBe(socket);
  });
});
