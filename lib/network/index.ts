export * from './health-check-firewall';
export * from './cross-cluster-firewall';
