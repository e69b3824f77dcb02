import { describe, expect, it } from 'vitest';
import { parseSelector, Selector, SelectorParseError, tryParseSelector } from './selector';
import { labelSelectorAsSelector, labelSelectorMatches, validateLabelSelector } from './label-selector';
import { errorText, FieldPath } from '../field-errors';

const labels = { app: 'web', env: 'prod', tier: 'front', replicas: '3' };

describe('labels.Parse matching', () => {
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=api', true],
    ['missing!=x', true],
    ['env in (prod,staging)', true],
    ['env in (staging)', false],
    ['env notin (staging)', true],
    ['missing notin (a)', true],
    ['tier', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['app=web,env=prod', true],
    ['app=web,env=dev', false],
    ['replicas>2', true],
    ['replicas<2', false],
    ['', true],
    ['  app = web ,  env in ( prod )  ', true],
    ['app in (in,notin,web)', true],
  ])('%s -> %s', (text, expected) => {
    expect(parseSelector(text).matches(labels)).toBe(expected);
  });

  it('an empty value matches an empty label', () => {
    expect(parseSelector('a=').matches({ a: '' })).toBe(true);
    expect(parseSelector('a in ()').matches({ a: '' })).toBe(true);
  });
});

describe('labels.Parse errors, worded as upstream', () => {
  const KEY_MSG =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  it.each([
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['replicas gt 2', "unable to parse requirement: found 'gt', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=b,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['app=web!', "found '!', expected: ',' or 'end of string'"],
    ['x in (a,b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['a@b=c', `unable to parse requirement: <nil>: Invalid value: "a@b": ${KEY_MSG}`],
    [
      'a=b@c',
      "unable to parse requirement: values[0][a]: Invalid value: \"b@c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
    ['a>x', "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"],
  ])('%s', (text, message) => {
    const result = tryParseSelector(text);
    expect(result).toBeInstanceOf(SelectorParseError);
    expect((result as SelectorParseError).message).toBe(message);
  });
});

describe('Selector', () => {
  it('prints requirements sorted by key', () => {
    expect(parseSelector('tier notin (b,a),app=web,!canary').toString()).toBe('app=web,!canary,tier notin (a,b)');
  });
  it('fromSet selects exactly the set', () => {
    const s = Selector.fromSet({ app: 'web' });
    expect(s.matches(labels)).toBe(true);
    expect(s.matches({ app: 'api' })).toBe(false);
    expect(s.toString()).toBe('app=web');
  });
});

describe('metav1.LabelSelector', () => {
  it('matchLabels and matchExpressions all have to hold', () => {
    const ps = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }, { key: 'canary', operator: 'DoesNotExist' }] };
    expect(labelSelectorMatches(ps, labels)).toBe(true);
    expect(labelSelectorMatches(ps, { ...labels, canary: 'yes' })).toBe(false);
  });
  it('nil selects nothing, empty selects everything', () => {
    expect(labelSelectorMatches(undefined, labels)).toBe(false);
    expect(labelSelectorAsSelector({})?.matches(labels)).toBe(true);
  });
  it('validation messages', () => {
    const errors = validateLabelSelector(
      { matchExpressions: [{ key: 'env', operator: 'In' }, { key: 'x', operator: 'Exists', values: ['a'] }, { key: 'y', operator: 'Maybe' }] },
      FieldPath.root('spec').child('selector'),
    );
    expect(errors.map(errorText)).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Maybe": not a valid selector operator',
    ]);
  });
});
