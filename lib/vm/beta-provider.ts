import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { IConstruct } from 'constructs';
import { stackProvider } from '../core/providers';
import { checkInstance } from '../core/validation';

/**
 * The google-beta provider for the managed workload identity resources: terraform-provider-google 6.50 has the
 * pool's `mode`, namespaces, managed identities and `partner_metadata` only in google-beta. The stack's provider is
 * shared; one is created for `project` when the stack has none.
 */
export function betaProviderFor(scope: IConstruct, project: string, explicit: GoogleBetaProvider | undefined): GoogleBetaProvider {
  if (explicit !== undefined && explicit !== null) {
    checkInstance(scope, 'betaProvider', explicit, GoogleBetaProvider, 'Pass the stack\'s GoogleBetaProvider, or leave betaProvider out');
    return explicit;
  }
  return stackProvider(scope, GoogleBetaProvider, (stack) => new GoogleBetaProvider(stack, 'google-beta', { project }));
}
