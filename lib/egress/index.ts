export * from './egress-gateway';
export * from './external-destination';
export * from './team-namespace';
export * from './gateway-toleration-policy';
export * from './network-admin-access';
export * from './mesh-defaults';
