export * from './health-check-firewall';
export * from './cross-cluster-firewall';
export * from './google-apis-vip';
export * from './vpc';
export * from './subnet';
export * from './cloud-nat';
export * from './private-google-apis';
export * from './egress-firewall';
