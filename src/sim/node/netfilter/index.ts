/** A node's netfilter model: tables, rules, conntrack, ipsets, IPVS, and the tools that print them. */
export * from './netfilter';
export * from './rule';
export * from './save';
export * from './restore';
export * from './list';
export * from './conntrack';
export * from './ipset';
export * from './ipvs';
export * from './packet-walk';
