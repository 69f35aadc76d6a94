/**
 * The access map as Markdown tables, a Mermaid flowchart and a Graphviz DOT digraph.
 * @internal
 */
import type { AccessEntry, AccessMap } from './access-map';

const KIND_TITLES: Record<string, string> = {
  mesh: 'Service to service (Cloud Service Mesh)',
  ingress: 'Ingress (through gateways)',
  egress: 'Egress (through Istio egress gateways)',
};

function any(list: string[]): string {
  return list.length === 0 ? 'any' : list.join(', ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** @internal */
export function renderMarkdownTable(map: AccessMap): string {
  if (map.entries.length === 0) return 'No access paths found: the configuration has no endpoint policies, gateways or egress gateways.\n';
  const parts: string[] = [];
  for (const kind of ['mesh', 'ingress', 'egress']) {
    const entries = map.entries.filter((e) => e.kind === kind);
    if (entries.length === 0) continue;
    parts.push(`### ${KIND_TITLES[kind]}\n`);
    parts.push('| source | source workloads | destination | hosts | ports | methods | paths | mTLS | transport | via | enforced by | stacks |');
    parts.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const e of entries) {
      const enforced = `${e.layers.join(', ') || '—'}: ${e.enforcedBy.join('; ') || '—'}${e.notes.length > 0 ? ` **Note:** ${e.notes.join('; ')}` : ''}`;
      parts.push(`| ${cell(e.source)} | ${cell(e.sourceWorkloads.join(', ') || '—')} | ${cell(e.destination)} | ${cell(any(e.hosts))} | ${cell(any(e.ports))} `
        + `| ${cell(any(e.methods))} | ${cell(any(e.paths))} | ${e.mutualTls ? 'yes' : 'no'} | ${cell(e.transport)} | ${cell(e.via || '—')} | ${cell(enforced)} | ${cell(e.stacks.join(', '))} |`);
    }
    parts.push('');
  }
  return `${parts.join('\n')}`;
}

/** @internal */
export function renderMarkdown(map: AccessMap, title: string): string {
  const lines = [
    `# ${title}`,
    '',
    `Computed from the synthesized Terraform JSON of ${map.stacks.map((s) => `\`${s}\``).join(', ') || 'no stack'} by \`access-map\` `
      + '(docs/posture.md). Each row is a path the configuration allows; a request that matches no row is denied by the policies named in '
      + 'the rows, as far as the configuration shows (policies applied outside Terraform are not visible here).',
    '',
    renderMarkdownTable(map),
  ];
  if (map.notes.length > 0) {
    lines.push('### Notes', '');
    for (const n of map.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  lines.push('### Diagram', '', '```mermaid', renderMermaid(map).trimEnd(), '```', '');
  return lines.join('\n');
}

interface Graph {
  readonly nodes: Map<string, { id: string; label: string; shape: 'source' | 'gateway' | 'service' | 'external' }>;
  readonly edges: { from: string; to: string; label: string; mutual: boolean; encrypted: boolean }[];
}

function graphOf(map: AccessMap): Graph {
  const nodes: Graph['nodes'] = new Map();
  const edges: Graph['edges'] = [];
  const node = (label: string, shape: 'source' | 'gateway' | 'service' | 'external'): string => {
    const key = `${shape}:${label}`;
    let n = nodes.get(key);
    if (!n) {
      n = { id: `n${nodes.size}`, label, shape };
      nodes.set(key, n);
    }
    return n.id;
  };
  const edge = (from: string, to: string, label: string, mutual: boolean, encrypted: boolean): void => {
    if (!edges.some((e) => e.from === from && e.to === to && e.label === label)) edges.push({ from, to, label, mutual, encrypted });
  };
  const what = (e: AccessEntry): string => [
    e.hosts.length > 0 ? e.hosts.join(' ') : '',
    e.ports.length > 0 ? `:${e.ports.join(',')}` : '',
    e.methods.length > 0 ? ` ${e.methods.join(',')}` : '',
    e.paths.length > 0 ? ` ${e.paths.join(',')}` : '',
  ].join('').trim() || 'any request';
  for (const e of map.entries) {
    const sourceLabel = e.kind === 'egress' ? e.source : e.source.replace(/^spiffe:\/\/[^/]+\/ns\/([^/]+)\/sa\/([^/]+)$/, '$2 ($1)');
    const source = node(sourceLabel, 'source');
    const destination = node(e.destination, e.kind === 'egress' ? 'external' : 'service');
    if (e.via) {
      const gw = node(e.via, 'gateway');
      if (e.kind === 'ingress') {
        const tls = !/^plaintext/.test(e.transport);
        edge(source, gw, `${what(e)} ${tls ? 'TLS' : 'plaintext'}`, false, tls);
        edge(gw, destination, e.mutualTls ? 'mTLS' : 'no mTLS', e.mutualTls, e.mutualTls);
      } else {
        const passthrough = /passed through/.test(e.transport);
        edge(source, gw, `${what(e)} ${e.mutualTls ? 'mTLS' : passthrough ? 'TLS (passthrough)' : 'no mTLS'}`, e.mutualTls, e.mutualTls || passthrough);
        const encrypted = passthrough || /TLS originated/.test(e.transport);
        edge(gw, destination, encrypted ? 'TLS' : 'plaintext', false, encrypted);
      }
    } else {
      edge(source, destination, `${what(e)} ${e.mutualTls ? 'mTLS' : 'no mTLS'}`, e.mutualTls, e.mutualTls);
    }
  }
  return { nodes, edges };
}

function mermaidLabel(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

/** @internal */
export function renderMermaid(map: AccessMap): string {
  const g = graphOf(map);
  const lines = ['flowchart LR'];
  for (const n of g.nodes.values()) {
    const label = mermaidLabel(n.label);
    const shaped = n.shape === 'source' ? `([${label}])` : n.shape === 'gateway' ? `{{${label}}}` : n.shape === 'external' ? `[(${label})]` : `[${label}]`;
    lines.push(`  ${n.id}${shaped}`);
  }
  for (const e of g.edges) lines.push(`  ${e.from} ${e.encrypted ? '-->' : '-.->'}|${mermaidLabel(e.label)}| ${e.to}`);
  return `${lines.join('\n')}\n`;
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** @internal */
export function renderDot(map: AccessMap): string {
  const g = graphOf(map);
  const shapes = { source: 'ellipse', gateway: 'hexagon', service: 'box', external: 'cylinder' };
  const lines = [
    'digraph access_map {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const n of g.nodes.values()) lines.push(`  ${n.id} [label=${dotString(n.label)}, shape=${shapes[n.shape]}];`);
  for (const e of g.edges) {
    const color = e.mutual ? 'darkgreen' : e.encrypted ? 'darkorange' : 'red';
    lines.push(`  ${e.from} -> ${e.to} [label=${dotString(e.label)}, color=${color}${e.encrypted ? '' : ', style=dashed'}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
