/**
 * A small renderer for Kubernetes pod patches that are also Go templates (the sidecar injector's template):
 * typed YAML values interleaved with Go-template actions and conditions. Pure: no constructs, no I/O.
 */

/** A value of the injection template; `TemplateAction` and `TemplateCondition` carry the Go-template parts. */
export type TemplateNode = string | number | boolean | TemplateAction | TemplateCondition | readonly TemplateNode[] | { readonly [key: string]: TemplateNode };

/** A Go-template action that renders one whole YAML scalar; it is written out unquoted. */
export class TemplateAction {
  constructor(public readonly text: string) {}
}

/** List items the injector adds only when `condition` holds; `otherwise` is an `else if` branch. */
export class TemplateCondition {
  constructor(
    public readonly condition: string,
    public readonly items: readonly TemplateNode[],
    public readonly otherwise?: TemplateCondition,
  ) {}
}

/** Renders template parts (actions, then one mapping) as block YAML interleaved with Go-template lines. */
export function renderTemplate(parts: TemplateNode[]): string {
  return parts.flatMap((part) => (part instanceof TemplateAction ? [part.text] : renderNode(part, 0))).join('\n');
}

const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;
const PLAIN_STRING = /^[A-Za-z/][A-Za-z0-9_./-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

function scalar(value: TemplateNode): string | undefined {
  if (value instanceof TemplateAction) return value.text;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return PLAIN_STRING.test(value) && !YAML_WORDS.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (isMapping(value) && Object.keys(value).length === 0) return '{}';
  return undefined;
}

function isMapping(value: TemplateNode): value is { readonly [key: string]: TemplateNode } {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof TemplateAction) && !(value instanceof TemplateCondition);
}

function renderNode(node: TemplateNode, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(node)) return (node as readonly TemplateNode[]).flatMap((item) => renderItem(item, indent));
  if (!isMapping(node)) throw new Error(`injection template: unexpected ${String(node)} outside a mapping or list`);
  return Object.entries(node).flatMap(([key, value]) => {
    const name = PLAIN_KEY.test(key) ? key : JSON.stringify(key);
    const inline = scalar(value);
    if (inline !== undefined) return [`${pad}${name}: ${inline}`];
    // Block sequences sit at their key's indentation, as kubectl writes them.
    return [`${pad}${name}:`, ...renderNode(value, Array.isArray(value) ? indent : indent + 2)];
  });
}

function renderItem(item: TemplateNode, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (item instanceof TemplateCondition) return renderCondition(item, indent, 'if');
  const inline = scalar(item);
  if (inline !== undefined) return [`${pad}- ${inline}`];
  if (Array.isArray(item)) throw new Error('injection template: nested lists are not used');
  const lines = renderNode(item, indent + 2);
  return [`${pad}- ${lines[0].slice(indent + 2)}`, ...lines.slice(1)];
}

/** `{{-` trims the line break before the action, so a condition leaves no blank line in the rendered pod patch. */
function renderCondition(condition: TemplateCondition, indent: number, keyword: 'if' | 'else if'): string[] {
  const pad = ' '.repeat(indent);
  const body = [`${pad}{{- ${keyword} ${condition.condition} }}`, ...condition.items.flatMap((item) => renderItem(item, indent))];
  if (condition.otherwise) return [...body, ...renderCondition(condition.otherwise, indent, 'else if')];
  return [...body, `${pad}{{- end }}`];
}
