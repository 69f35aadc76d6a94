/**
 * A construct id derived from content (a namespace, a role and member), so equal content maps to one construct.
 * Tokens (values known at apply time, X5) cannot appear in construct ids, so their placeholder is reduced to its
 * stable token number; `/` separates construct paths, so it is replaced.
 */
export function contentId(text: string): string {
  return text.replace(/\$\{TfToken\[TOKEN\.(\d+)\]\}/g, 'token$1').replace(/\//g, '_');
}

/** Construct id of an IAM grant: two grants never collide and re-granting is a no-op. */
export function grantId(role: string, member: string): string {
  return contentId(`grant-${role.replace(/^roles\//, '')}-${member}`);
}
