import { TerraformVariable, Testing, Token } from 'cdktf';
import {
  EgressGateway, EgressTls, ExternalDestination, GatewayTolerationPolicy, MeshDefaults, NetworkAdminAccess, TeamNamespace,
} from '../../lib/egress';
import { GoogleApisVip } from '../../lib/network';
import { attempt, wrongTypeDefects, WrongTypeSubject } from '../helpers/wrong-types';
import { egressStacks, EgressStacks } from './fixtures';

/**
 * X2 for callers without a type checker (JavaScript, and Python/Java/Go/.NET through jsii): every prop of every egress
 * construct and method, given `undefined`, `null` or a value of the wrong type, is accepted or rejected with the
 * library's ValidationError in the one error shape — never a TypeError. X5: every string, number and list prop takes
 * a value known only at apply time without a false rejection.
 */

interface Demo {
  readonly stacks: EgressStacks;
  /** The gateway of the demo, created on first use (the EgressGateway subject makes its own). */
  gateway(): EgressGateway;
  /** team-x of the demo gateway. */
  team(): TeamNamespace;
  /** example.com on the demo gateway, allowed to team-x. */
  destination(): ExternalDestination;
}

function demo(): Demo {
  const stacks = egressStacks();
  let gateway: EgressGateway | undefined;
  let team: TeamNamespace | undefined;
  let destination: ExternalDestination | undefined;
  const d: Demo = {
    stacks,
    gateway: () => (gateway ??= new EgressGateway(stacks.k8s, 'Gateway', { nodePool: stacks.gatewayPool, googleApisVip: GoogleApisVip.PRIVATE })),
    team: () => (team ??= d.gateway().addTeamNamespace('TeamX', { name: 'team-x' })),
    destination: () => {
      if (!destination) {
        destination = d.gateway().addDestination({ host: 'example.com' });
        destination.allow(d.team());
      }
      return destination;
    },
  };
  return d;
}

type Subject = WrongTypeSubject<Demo>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const any = (props: Record<string, unknown>): any => props;

/** A destination must be allowed to some namespace, or synth rejects it (E10). */
function allowed(d: Demo, destination: unknown): void {
  if (destination instanceof ExternalDestination) destination.allow(d.team());
}

const SUBJECTS: readonly Subject[] = [
  {
    name: 'EgressGateway',
    valid: (d) => ({ nodePool: d.stacks.gatewayPool, googleApisVip: GoogleApisVip.PRIVATE }),
    optional: () => ({ namespace: 'egress', name: 'egress-gw', minReplicas: 2, maxReplicas: 4, targetCpuUtilization: 70, injectionRevision: 'asm-managed', restrictToleration: true }),
    build: (d, p) => new EgressGateway(d.stacks.k8s, 'Subject', any(p)),
  },
  {
    name: 'EgressGateway.addTeamNamespace',
    valid: () => ({ name: 'team-z' }),
    optional: () => ({ team: 'z', group: 'team-z@example.com', allowSameNamespace: true, injectionRevision: 'asm-managed' }),
    build: (d, p) => d.gateway().addTeamNamespace('Subject', any(p)),
  },
  {
    name: 'TeamNamespace',
    valid: (d) => ({ gateway: d.gateway(), name: 'team-z' }),
    optional: () => ({ team: 'z', group: 'team-z@example.com', allowSameNamespace: false }),
    build: (d, p) => new TeamNamespace(d.stacks.k8s, 'Subject', any(p)),
  },
  {
    name: 'EgressGateway.addDestination',
    valid: () => ({ host: 'httpbin.org' }),
    optional: () => ({ tls: EgressTls.ORIGINATE, port: 443, name: 'httpbin' }),
    build: (d, p) => allowed(d, d.gateway().addDestination(any(p))),
  },
  {
    name: 'EgressGateway.addDestination (wildcard)',
    valid: () => ({ host: '*.example.com', servedBy: 'www.example.com' }),
    optional: () => ({ tls: EgressTls.PASSTHROUGH }),
    build: (d, p) => allowed(d, d.gateway().addDestination(any(p))),
  },
  {
    name: 'ExternalDestination',
    valid: (d) => ({ gateway: d.gateway(), host: 'httpbin.org' }),
    optional: () => ({ tls: EgressTls.ORIGINATE, port: 8443, name: 'httpbin' }),
    build: (d, p) => allowed(d, new ExternalDestination(d.stacks.k8s, 'Subject', any(p))),
  },
  {
    name: 'EgressGateway.allow',
    valid: (d) => ({ team: d.team(), host: 'httpbin.org' }),
    optional: () => ({ options: { paths: ['/status/418'], methods: ['GET'] } }),
    build: (d, p) => d.gateway().allow(any(p).team, any(p).host, any(p).options),
  },
  {
    name: 'ExternalDestination.allow',
    valid: (d) => ({ team: d.gateway().addTeamNamespace('TeamY', { name: 'team-y' }) }),
    optional: () => ({ paths: ['/status/418'], methods: ['GET'] }),
    build: (d, p) => d.destination().allow(any(p).team, { paths: any(p).paths, methods: any(p).methods }),
  },
  {
    name: 'TeamNamespace.allowConnectionsTo',
    valid: (d) => ({ other: d.gateway().addTeamNamespace('TeamY', { name: 'team-y' }) }),
    build: (d, p) => d.team().allowConnectionsTo(any(p)?.other),
  },
  {
    name: 'GatewayTolerationPolicy',
    valid: (d) => ({ nodePool: d.stacks.gatewayPool, allowedNamespaces: ['istio-egress'] }),
    optional: () => ({ exemptNamespaces: ['gmp-system'], name: 'restrict-it' }),
    build: (d, p) => new GatewayTolerationPolicy(d.stacks.k8s, 'Subject', any(p)),
  },
  {
    name: 'NetworkAdminAccess',
    valid: (d) => ({ group: 'network-admins@example.com', gateway: d.gateway() }),
    optional: () => ({ name: 'network-admin' }),
    build: (d, p) => new NetworkAdminAccess(d.stacks.k8s, 'Subject', any(p)),
  },
  {
    name: 'MeshDefaults',
    valid: () => ({}),
    optional: () => ({ rootNamespace: 'istio-system', trafficLogs: true }),
    build: (d, p) => new MeshDefaults(d.stacks.k8s, 'Subject', any(p)),
  },
];

describe('X2: every egress prop given undefined, null or a wrong type', () => {
  it.each(SUBJECTS.map((s) => [s.name, s] as const))('%s: accepted or rejected in the one error shape, never a crash', (_name, subject) => {
    expect(wrongTypeDefects(subject, demo, (d) => d.stacks.k8s)).toEqual({ valid: 'accepted', defects: [] });
  });

  it('the props object itself: missing or not an object', () => {
    for (const subject of SUBJECTS.filter((s) => !s.name.includes('.') && s.name !== 'MeshDefaults')) {
      for (const value of [undefined, null, 'x']) {
        const d = demo();
        expect({ subject: subject.name, value, outcome: attempt(() => subject.build(d, value as never)) }).toEqual({ subject: subject.name, value, outcome: 'rejected' });
      }
    }
  });
});

/** A token of the same kind as `valid`, from a variable of the stack; undefined for props a token cannot stand for. */
function tokenFor(d: Demo, field: string, valid: unknown): unknown {
  const variable = (type: string) => new TerraformVariable(d.stacks.k8s, `var-${field}`, { type });
  if (typeof valid === 'string') return variable('string').stringValue;
  if (typeof valid === 'number') return variable('number').numberValue;
  if (Array.isArray(valid) && valid.every((v) => typeof v === 'string')) return variable('list(string)').listValue;
  return undefined;
}

/** Props whose value only selects between fixed choices, or stays out of the output by design. */
const NOT_IN_OUTPUT: Record<string, string> = {
  'EgressGateway.addDestination: tls': 'an enum value',
  'EgressGateway.addDestination (wildcard): tls': 'an enum value',
  'ExternalDestination: tls': 'an enum value',
};

const TOKEN_CASES = SUBJECTS.flatMap((subject) => {
  const probe = demo();
  const props = { ...subject.valid(probe), ...subject.optional?.(probe) };
  const flat = { ...props, ...(props.options as Record<string, unknown> | undefined) };
  return Object.entries(flat).filter(([field, valid]) => field !== 'options' && tokenFor(demo(), field, valid) !== undefined)
    .filter(([field]) => !NOT_IN_OUTPUT[`${subject.name}: ${field}`])
    .map(([field]) => [`${subject.name}: ${field}`, subject, field] as const);
});

describe('X5: every string, number and list prop synthesizes with a value known only at apply time', () => {
  it(`covers ${TOKEN_CASES.length} props`, () => {
    expect(TOKEN_CASES.length).toBeGreaterThan(30);
  });

  it.each(TOKEN_CASES)('%s', (_title, subject, field) => {
    const d = demo();
    const props = { ...subject.valid(d), ...subject.optional?.(d) };
    const options = props.options as Record<string, unknown> | undefined;
    const token = tokenFor(d, field, field in props ? props[field] : options?.[field]);
    subject.build(d, field in props ? { ...props, [field]: token } : { ...props, options: { ...options, [field]: token } });
    const json = Testing.synth(d.stacks.k8s, true);
    expect(json).toContain(`var.var-${field}`);
    expect(d.stacks.k8s.node.findAll().filter((c) => /\$\{TfToken|TOKEN\./.test(c.node.id)).map((c) => c.node.path)).toEqual([]);
    expect(Token.isUnresolved(token)).toBe(true);
  });
});
