import { describe, expect, it } from 'vitest';
import { chainRole, ruleKeys, splitChains } from './netfilter-chains';

describe('the iptables tab’s chain colouring', () => {
  it('gives each of kube-proxy’s chains its role', () => {
    expect(['PREROUTING', 'KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-SVC-ABC', 'KUBE-SVL-ABC', 'KUBE-SEP-X1', 'KUBE-EXT-Q', 'KUBE-FW-Q', 'KUBE-MARK-MASQ', 'KUBE-PROXY-CANARY'].map(chainRole)).toEqual([
      'builtin',
      'entry',
      'entry',
      'svc',
      'svc',
      'sep',
      'ext',
      'ext',
      'masq',
      'kube',
    ]);
  });

  it('cuts a rule at its chain names, keeping every character', () => {
    const text = '[1:60] -A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -j KUBE-SVC-NPX46M4PTMTKRN6Y';
    const parts = splitChains(text);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.chain).map((p) => p.chain)).toEqual(['KUBE-SERVICES', 'KUBE-SVC-NPX46M4PTMTKRN6Y']);
    expect(splitChains('COMMIT')).toEqual([{ text: 'COMMIT' }]);
  });

  it('keys rules by chain and text without counters, telling identical rules apart', () => {
    const lines = [
      { kind: 'chain', text: ':KUBE-X - [0:0]', chain: 'KUBE-X' },
      { kind: 'rule', text: '[0:0] -A KUBE-X -j RETURN', chain: 'KUBE-X' },
      { kind: 'rule', text: '[5:300] -A KUBE-X -j RETURN', chain: 'KUBE-X' },
    ];
    expect(ruleKeys(lines)).toEqual(['', 'KUBE-X| -A KUBE-X -j RETURN|1', 'KUBE-X| -A KUBE-X -j RETURN|2']);
  });
});
