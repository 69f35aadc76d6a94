import { Token } from 'cdktf';
import { isUnresolved } from '../core/validation';

/** A number as Kubernetes string fields take it: `"8000"`, or the token's text when known only at apply time (X5). */
export function kubernetesNumber(value: number): string {
  return isUnresolved(value) ? Token.asString(value) : String(value);
}
