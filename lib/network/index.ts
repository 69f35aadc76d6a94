export * from './health-check-firewall';
export * from './cross-cluster-firewall';
export * from './google-apis-vip';
