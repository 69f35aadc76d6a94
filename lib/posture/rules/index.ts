/**
 * Every posture rule, in the order the report and the docs list them.
 * @internal
 */
import type { PostureRule } from '../rule-model';
import { GKE_RULES } from './gke';
import { INFRASTRUCTURE_RULES } from './infrastructure';
import { ISTIO_RULES } from './istio';
import { MESH_RULES } from './mesh';

/** @internal */
export const ALL_RULES: readonly PostureRule[] = [...GKE_RULES, ...MESH_RULES, ...ISTIO_RULES, ...INFRASTRUCTURE_RULES];
