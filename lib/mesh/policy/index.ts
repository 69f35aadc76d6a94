export * from './certificate-provider';
export * from './mesh-resource';
export * from './server-tls-policy';
export * from './load-balancer-server-tls-policy';
export * from './client-tls-policy';
export * from './principal';
export * from './authorization-policy';
export * from './endpoint-policy';
