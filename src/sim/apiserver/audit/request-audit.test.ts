/** The shared audit pieces against the plain strings and objects they stand for. */
import { describe, expect, it } from 'vitest';
import { auditObjectRef, authenticatedDetail } from './request-audit';
import { parseRequestInfo } from '../request-info';

describe('request audit pieces', () => {
  it('authenticatedDetail is the plain detail, once per user object', () => {
    const user = { name: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] };
    expect(authenticatedDetail(user)).toBe(`user "${user.name}", groups ${JSON.stringify(user.groups)}`);
    expect(authenticatedDetail(user)).toBe(authenticatedDetail(user));
    const other = { name: 'alice', groups: [] };
    expect(authenticatedDetail(other)).toBe('user "alice", groups []');
  });

  it('auditObjectRef names what the URL names, and nothing for a non-resource path', () => {
    const ref = auditObjectRef(parseRequestInfo('PATCH', '/api/v1/namespaces/default/pods/web-1/status', new URLSearchParams()));
    expect(ref).toEqual({ resource: 'pods', namespace: 'default', name: 'web-1', apiVersion: 'v1', subresource: 'status' });
    expect(Object.keys(ref ?? {})).toEqual(['resource', 'namespace', 'name', 'apiVersion', 'subresource']);
    expect(auditObjectRef(parseRequestInfo('GET', '/healthz', new URLSearchParams()))).toBeUndefined();
  });
});
