import { describe, expect, it } from 'vitest';
import { newAlreadyExists, newConflict, newForbidden, newInvalid, newNotFound, newUnauthorized } from '../../../sim/apiserver/status';
import { statusErrorText } from './server-error';

describe('kubectl error texts (cmdutil.CheckErr)', () => {
  it.each([
    [newNotFound({ group: '', resource: 'pods' }, 'x').status, undefined, 'Error from server (NotFound): pods "x" not found'],
    [newAlreadyExists({ group: '', resource: 'pods' }, 'web').status, { verb: 'creating', source: 'STDIN' }, 'Error from server (AlreadyExists): error when creating "STDIN": pods "web" already exists'],
    [
      newConflict({ group: 'apps', resource: 'deployments' }, 'web').status,
      undefined,
      'Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    ],
    [
      newForbidden({ group: '', resource: 'pods' }, '', 'User "alice" cannot list resource "pods" in API group "" in the namespace "default"').status,
      undefined,
      'Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"',
    ],
    [newUnauthorized().status, undefined, 'error: You must be logged in to the server (Unauthorized)'],
  ])('%#: %s', (status, source, expected) => {
    expect(statusErrorText(status, source)).toBe(expected);
  });

  it('prints Invalid from its causes: one inline, several as a list, without the source', () => {
    const one = newInvalid({ group: '', kind: 'Pod' }, 'bad', [{ type: 'FieldValueRequired', field: 'spec.containers[0].image', detail: '' }]).status;
    expect(statusErrorText(one, { verb: 'creating', source: 'STDIN' })).toBe('The Pod "bad" is invalid: spec.containers[0].image: Required value');
    const two = {
      ...one,
      details: { kind: 'Pod', name: 'bad', causes: [{ field: 'metadata.name', message: 'Required value' }, { field: 'spec.containers', message: 'Required value' }] },
    };
    expect(statusErrorText(two)).toBe('The Pod "bad" is invalid: \n* metadata.name: Required value\n* spec.containers: Required value');
  });
});

describe('kubectl error texts: an Invalid with neither kind nor name (checkErr)', () => {
  it('prints "The request is invalid" and the causes, not the server message', () => {
    const status = newInvalid({ group: '', kind: '' }, '', [{ type: 'FieldValueInvalid', field: 'patch', badValue: 'map[metadata:map[labels:invalid]]', detail: 'cannot restore map from string' }]).status;
    expect(status.details).toEqual({ causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "map[metadata:map[labels:invalid]]": cannot restore map from string', field: 'patch' }] });
    expect(statusErrorText(status)).toBe('The request is invalid: patch: Invalid value: "map[metadata:map[labels:invalid]]": cannot restore map from string');
  });

  it('appends the message when there are no causes either', () => {
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Invalid', message: 'bad body', code: 422, details: {} } as const;
    expect(statusErrorText(status)).toBe('The request is invalid: bad body');
  });
});
