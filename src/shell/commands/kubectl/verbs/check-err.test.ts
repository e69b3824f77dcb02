import { describe, expect, it } from 'vitest';
import { aggregate, checkErrText, errorString, plainError, type GoError } from './check-err';
import { goDuration } from './drain-pods';
import { OutputLog } from './output-log';
import { outputChunks } from '../../../types';

const a = plainError('a failed');
const b = plainError('b failed');
const api: GoError = { kind: 'api', message: 'nodes "x" not found', standard: 'Error from server (NotFound): nodes "x" not found', code: 404, reason: 'NotFound' };

describe('Go errors as kubectl prints them', () => {
  it('Error(): one message as it is, several flattened, de-duplicated and bracketed', () => {
    expect(errorString(aggregate([a]))).toBe('a failed');
    expect(errorString(aggregate([a, aggregate([b, a])]))).toBe('[a failed, b failed]');
    expect(errorString(api)).toBe('nodes "x" not found');
  });

  it('CheckErr: unwraps an aggregate of one, prints an aggregate one message a line without a prefix', () => {
    expect(checkErrText(a)).toBe('error: a failed\n');
    expect(checkErrText(plainError('error: already prefixed'))).toBe('error: already prefixed\n');
    expect(checkErrText(api)).toBe('Error from server (NotFound): nodes "x" not found\n');
    expect(checkErrText(aggregate([a]))).toBe('error: a failed\n');
    expect(checkErrText(aggregate([aggregate([a])]))).toBe('a failed\n');
    expect(checkErrText(aggregate([api, aggregate([a, b])]))).toBe('Error from server (NotFound): nodes "x" not found\n[a failed, b failed]\n');
  });
});

describe('goDuration', () => {
  it.each([
    [0, '0s'],
    [100, '100ms'],
    [1500, '1.5s'],
    [30_000, '30s'],
    [90_000, '1m30s'],
    [3_600_000, '1h0m0s'],
  ])('%d ms is %s', (ms, text) => expect(goDuration(ms)).toBe(text));
});

describe('OutputLog', () => {
  it('keeps stderr written between stdout lines in its place', () => {
    const log = new OutputLog();
    log.out('one\n');
    log.err('warn\n');
    log.out('two\n');
    log.out('three\n');
    const result = log.result(0);
    expect(result).toMatchObject({ stdout: 'one\ntwo\nthree\n', stderr: 'warn\n' });
    expect(outputChunks(result).map((c) => `${c.stream}:${c.text}`)).toEqual(['stdout:one\n', 'stderr:warn\n', 'stdout:two\nthree\n']);
  });
});
