import { Fn, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  checkCaServiceId, checkGlobalLocation, checkIntegerRange, checkKubernetesLabelName,
  checkKubernetesObjectName, checkKubernetesServiceName, checkNotEmpty, checkOneOf, checkPort, checkProjectId, checkProjectNumber,
  checkResourceName, isUnresolved,
} from '../../lib/core/validation';
import { checkCaServiceRegion } from '../../lib/core/locations';
import { testStack } from '../helpers/synth';

/** The seed's table of CA Service regions (seed 000), in the seed's order. */
const SEED_CA_REGIONS = [
  'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3', 'asia-south1', 'asia-south2',
  'asia-southeast1', 'asia-southeast2', 'australia-southeast1', 'australia-southeast2', 'europe-central2',
  'europe-north1', 'europe-southwest1', 'europe-west1', 'europe-west2', 'europe-west3', 'europe-west4', 'europe-west6',
  'europe-west8', 'europe-west9', 'europe-west10', 'europe-west12', 'me-central1', 'me-central2', 'me-west1',
  'northamerica-northeast1', 'northamerica-northeast2', 'southamerica-east1', 'southamerica-west1', 'us-central1',
  'us-east1', 'us-east4', 'us-east5', 'us-south1', 'us-west1', 'us-west2', 'us-west3', 'us-west4',
];

const stringToken = (): string => Token.asString(Fn.lower('X'));
const numberToken = (): number => Token.asNumber(Fn.lengthOf(['a', 'b']));

let scope: Construct;
beforeEach(() => {
  scope = new Construct(testStack(), 'Scope');
});

describe('isUnresolved', () => {
  it('X5: is true for string, number and list tokens and strings embedding a token', () => {
    expect(isUnresolved(stringToken())).toBe(true);
    expect(isUnresolved(numberToken())).toBe(true);
    expect(isUnresolved(Token.asList(Fn.split(',', 'a,b')))).toBe(true);
    expect(isUnresolved(`projects/${stringToken()}/locations/global`)).toBe(true);
  });

  it('is false for literals, undefined and null', () => {
    expect(isUnresolved('us-east1')).toBe(false);
    expect(isUnresolved(443)).toBe(false);
    expect(isUnresolved(['a'])).toBe(false);
    expect(isUnresolved(undefined)).toBe(false);
    expect(isUnresolved(null)).toBe(false);
  });
});

describe('checkResourceName (RFC 1035)', () => {
  it.each(['a', 'td-gke-service', 'fw-allow-health-checks', `a${'b'.repeat(62)}`])('accepts %s', (name) => {
    expect(() => checkResourceName(scope, 'name', name)).not.toThrow();
  });

  it.each([
    ['1-service', '"1-service"'],
    ['Service', '"Service"'],
    ['service-', '"service-"'],
    ['td_gke_service', '"td_gke_service"'],
    ['', '""'],
    [`a${'b'.repeat(63)}`, `"a${'b'.repeat(63)}"`],
  ])('X2: rejects %j', (name, got) => {
    expect(() => checkResourceName(scope, 'name', name)).toThrow(
      `test/Scope: name is not a valid Google Cloud resource name (got ${got}). ` +
      'Use 1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.');
  });

  it('X5: accepts a token', () => {
    expect(() => checkResourceName(scope, 'name', stringToken())).not.toThrow();
  });
});

describe('checkCaServiceId', () => {
  it.each(['td-ca-pool', 'pkcs2-ca', 'td_sec_pool', 'Root_CA-2024', 'a'.repeat(63)])('accepts %s (underscores and upper case allowed)', (id) => {
    expect(() => checkCaServiceId(scope, 'poolId', id)).not.toThrow();
  });

  it.each([
    ['td sec pool', '"td sec pool"'],
    ['td.sec.pool', '"td.sec.pool"'],
    ['', '""'],
    ['a'.repeat(64), `"${'a'.repeat(64)}"`],
  ])('X2: rejects %j', (id, got) => {
    expect(() => checkCaServiceId(scope, 'poolId', id)).toThrow(
      `test/Scope: poolId is not a valid CA Service ID (got ${got}). Use 1-63 characters: letters, digits, hyphens and underscores.`);
  });

  it('X5: accepts a token', () => {
    expect(() => checkCaServiceId(scope, 'poolId', stringToken())).not.toThrow();
  });
});

describe('checkProjectId', () => {
  it.each(['my-project-id', 'abcdef', `a${'b'.repeat(29)}`, 'example.com:my-project'])('accepts %s', (id) => {
    expect(() => checkProjectId(scope, 'project', id)).not.toThrow();
  });

  it.each([
    ['My Project', '"My Project"'],
    ['abcde', '"abcde"'],
    ['123456789012', '"123456789012"'],
    ['my-project-', '"my-project-"'],
    ['my_project', '"my_project"'],
    [`a${'b'.repeat(30)}`, `"a${'b'.repeat(30)}"`],
  ])('X2: rejects %j', (id, got) => {
    expect(() => checkProjectId(scope, 'project', id)).toThrow(
      `test/Scope: project is not a valid project ID (got ${got}). Use the project ID (6-30 characters: lowercase ` +
      'letters, digits and hyphens, starting with a letter), not its display name or number.');
  });

  it('X5: accepts a token', () => {
    expect(() => checkProjectId(scope, 'project', stringToken())).not.toThrow();
  });
});

describe('checkProjectNumber', () => {
  it.each(['123456789012', '1'])('accepts %s', (n) => {
    expect(() => checkProjectNumber(scope, 'projectNumber', n)).not.toThrow();
  });

  it.each([
    ['my-project-id', '"my-project-id"'],
    ['0123', '"0123"'],
    ['', '""'],
    ['12 34', '"12 34"'],
  ])('X2: rejects %j', (n, got) => {
    expect(() => checkProjectNumber(scope, 'projectNumber', n)).toThrow(
      `test/Scope: projectNumber is not a project number (got ${got}). Use the numeric project number shown by ` +
      '`gcloud projects describe PROJECT_ID --format="value(projectNumber)"`.');
  });

  it('X5: accepts a token', () => {
    expect(() => checkProjectNumber(scope, 'projectNumber', stringToken())).not.toThrow();
  });
});

describe('checkPort', () => {
  it.each([1, 8000, 65535])('accepts %d', (port) => {
    expect(() => checkPort(scope, 'port', port)).not.toThrow();
  });

  it.each([[0, '0'], [65536, '65536'], [1.5, '1.5'], [-80, '-80'], [NaN, 'NaN']])('X2: rejects %d', (port, got) => {
    expect(() => checkPort(scope, 'port', port))
      .toThrow(`test/Scope: port is not a TCP port (got ${got}). Use an integer from 1 to 65535.`);
  });

  it('X5: accepts a token', () => {
    expect(() => checkPort(scope, 'port', numberToken())).not.toThrow();
  });
});

describe('checkIntegerRange', () => {
  it('accepts both bounds', () => {
    expect(() => checkIntegerRange(scope, 'rotationWindowPercentage', 1, 1, 100)).not.toThrow();
    expect(() => checkIntegerRange(scope, 'rotationWindowPercentage', 100, 1, 100)).not.toThrow();
  });

  it('X2: rejects a value out of range with the default fix', () => {
    expect(() => checkIntegerRange(scope, 'rotationWindowPercentage', 101, 1, 100)).toThrow(
      'test/Scope: rotationWindowPercentage must be an integer from 1 to 100 (got 101). Use a value from 1 to 100.');
  });

  it('X2: rejects a fraction with a given fix', () => {
    expect(() => checkIntegerRange(scope, 'generation', 1.5, 1, 999, 'Use whole generations'))
      .toThrow('test/Scope: generation must be an integer from 1 to 999 (got 1.5). Use whole generations.');
  });

  it('X5: accepts a token', () => {
    expect(() => checkIntegerRange(scope, 'generation', numberToken(), 1, 999)).not.toThrow();
  });
});

describe('checkOneOf', () => {
  it('accepts a listed value', () => {
    expect(() => checkOneOf(scope, 'curve', 'P256', ['P256', 'P384'], 'a supported curve')).not.toThrow();
  });

  it('X2: rejects another value and lists the allowed ones', () => {
    expect(() => checkOneOf(scope, 'curve', 'P521', ['P256', 'P384'], 'a supported curve'))
      .toThrow('test/Scope: curve is not a supported curve (got "P521"). Use one of: P256, P384.');
  });

  it('X5: accepts a token', () => {
    expect(() => checkOneOf(scope, 'curve', stringToken(), ['P256', 'P384'], 'a supported curve')).not.toThrow();
  });
});

describe('checkCaServiceRegion', () => {
  it.each(SEED_CA_REGIONS)('S5: accepts %s, a CA Service region of the seed', (region) => {
    expect(() => checkCaServiceRegion(scope, 'location', region)).not.toThrow();
  });

  it.each(['us-east9', 'mars-central1', 'global', 'US-EAST1', 'us-east1-b'])('S5: rejects %s and lists the seed\'s regions', (region) => {
    expect(() => checkCaServiceRegion(scope, 'location', region)).toThrow(
      `test/Scope: location is not a CA Service region (got "${region}"). Use one of: asia-east1, asia-east2, ` +
      'asia-northeast1, asia-northeast2, asia-northeast3, asia-south1, asia-south2, asia-southeast1, asia-southeast2, ' +
      'australia-southeast1, australia-southeast2, europe-central2, europe-north1, europe-southwest1, europe-west1, ' +
      'europe-west2, europe-west3, europe-west4, europe-west6, europe-west8, europe-west9, europe-west10, ' +
      'europe-west12, me-central1, me-central2, me-west1, northamerica-northeast1, northamerica-northeast2, ' +
      'southamerica-east1, southamerica-west1, us-central1, us-east1, us-east4, us-east5, us-south1, us-west1, ' +
      'us-west2, us-west3, us-west4.');
  });

  it('X5: accepts a token', () => {
    expect(() => checkCaServiceRegion(scope, 'location', stringToken())).not.toThrow();
  });

  it('X5: accepts a Terraform variable', () => {
    const region = new TerraformVariable(scope, 'region', { type: 'string' });
    expect(() => checkCaServiceRegion(scope, 'location', region.stringValue)).not.toThrow();
  });
});

describe('checkGlobalLocation', () => {
  it('accepts "global"', () => {
    expect(() => checkGlobalLocation(scope, 'location', 'global')).not.toThrow();
  });

  it('X2: rejects a region', () => {
    expect(() => checkGlobalLocation(scope, 'location', 'us-east1')).toThrow(
      'test/Scope: location must be "global" for Cloud Service Mesh (got "us-east1"). Traffic Director only reads ' +
      'service-security and routing resources from the global location; remove the location or set it to "global".');
  });

  it('X5: accepts a token', () => {
    expect(() => checkGlobalLocation(scope, 'location', stringToken())).not.toThrow();
  });
});

describe('checkKubernetesLabelName (DNS-1123 label)', () => {
  it.each(['default', 'istio-egress', '0team', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(() => checkKubernetesLabelName(scope, 'namespace', name)).not.toThrow();
  });

  it.each([
    ['Team-X', '"Team-X"'],
    ['-team', '"-team"'],
    ['team-', '"team-"'],
    ['team.x', '"team.x"'],
    ['', '""'],
    ['a'.repeat(64), `"${'a'.repeat(64)}"`],
  ])('X2: rejects %j', (name, got) => {
    expect(() => checkKubernetesLabelName(scope, 'namespace', name)).toThrow(
      `test/Scope: namespace is not a valid Kubernetes name (got ${got}). ` +
      'Use at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.');
  });

  it('X5: accepts a token', () => {
    expect(() => checkKubernetesLabelName(scope, 'namespace', stringToken())).not.toThrow();
  });
});

describe('checkKubernetesObjectName (DNS-1123 subdomain)', () => {
  it.each(['default', 'payments.v2', 'a.b-c.d', 'a'.repeat(253)])('accepts %s', (name) => {
    expect(() => checkKubernetesObjectName(scope, 'name', name)).not.toThrow();
  });

  it.each([
    ['Client', '"Client"'],
    ['client.', '"client."'],
    ['a..b', '"a..b"'],
    ['my_sa', '"my_sa"'],
    ['', '""'],
    ['a'.repeat(254), `"${'a'.repeat(254)}"`],
  ])('X2: rejects %j', (name, got) => {
    expect(() => checkKubernetesObjectName(scope, 'name', name)).toThrow(
      `test/Scope: name is not a valid Kubernetes object name (got ${got}). ` +
      'Use at most 253 lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit.');
  });

  it('X5: accepts a token', () => {
    expect(() => checkKubernetesObjectName(scope, 'name', stringToken())).not.toThrow();
  });
});

describe('checkNotEmpty', () => {
  it('accepts a non-empty list', () => {
    expect(() => checkNotEmpty(scope, 'hosts', ['service-test'], 'Add a host')).not.toThrow();
  });

  it('X2: rejects an empty list', () => {
    expect(() => checkNotEmpty(scope, 'hosts', [], 'Add at least one host, e.g. "service-test"'))
      .toThrow('test/Scope: hosts must not be empty (got []). Add at least one host, e.g. "service-test".');
  });

  it('X2: reports a missing list as required, never as undefined', () => {
    expect(() => checkNotEmpty(scope, 'hosts', undefined, 'Add at least one host'))
      .toThrow('test/Scope: hosts is required (got nothing). Add at least one host.');
  });

  it('X5: accepts a list token', () => {
    expect(() => checkNotEmpty(scope, 'hosts', Token.asList(Fn.split(',', 'a,b')), 'Add a host')).not.toThrow();
  });
});

describe('checkKubernetesServiceName (DNS-1035 label)', () => {
  it.each(['service-test', 'mesh-gateway', 'a'])('accepts %s', (name) => {
    expect(() => checkKubernetesServiceName(scope, 'name', name)).not.toThrow();
  });

  it.each(['Service-Test', '1service', 'mesh_gateway', 'ends-'])('rejects %s with the fix', (name) => {
    expect(() => checkKubernetesServiceName(scope, 'name', name)).toThrow(
      `test/Scope: name is not a valid Kubernetes Service name (got "${name}"). ` +
      'Use at most 63 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit, e.g. "service-test".');
  });

  it('X5: never rejects a token', () => {
    expect(() => checkKubernetesServiceName(scope, 'name', stringToken())).not.toThrow();
  });
});
