import { describe, expect, it } from 'vitest';
import { jsonCopy } from '../../../api/json-copy';
import { equalIgnoreHash, templateKeyOfCopy } from './deployment-util';
import type { PodTemplateSpec } from '../../controller-utils/types';

const template = (image: string, hash?: string): PodTemplateSpec => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'nginx', image }] },
});

describe('EqualIgnoreHash with a sync\'s copy of the Deployment', () => {
  it('a copy given its original\'s key compares as the original does', () => {
    const original = template('nginx:1.27');
    const copy = jsonCopy(original);
    templateKeyOfCopy(copy, original);
    expect(equalIgnoreHash(copy, template('nginx:1.27', '7d9c5b8f4'))).toBe(true);
    expect(equalIgnoreHash(copy, template('nginx:1.28', '6f8b9c7d5'))).toBe(false);
  });

  it('a template put in the copy\'s place (a rollback) is keyed afresh', () => {
    const original = template('nginx:1.27');
    const copy = jsonCopy(original);
    templateKeyOfCopy(copy, original);
    const rolledBack = template('nginx:1.26');
    expect(equalIgnoreHash(rolledBack, template('nginx:1.26', 'abc'))).toBe(true);
    expect(equalIgnoreHash(rolledBack, copy)).toBe(false);
  });
});
