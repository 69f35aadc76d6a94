/**
 * Zero-trust service security on Google Cloud for CDK for Terraform. One submodule per domain; a construct's
 * folder tells which stack it belongs in (README, "Architecture").
 */
export * as core from './core';
export * as project from './project';
export * as ca from './ca';
export * as gke from './gke';
export * as network from './network';
export * as mesh from './mesh';
export * as vm from './vm';
export * as egress from './egress';
export * as posture from './posture';
