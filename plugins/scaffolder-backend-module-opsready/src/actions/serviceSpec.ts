/**
 * The service tiers a golden template offers. The tier decides replicas and
 * resources of the generated manifests.
 */
export const SERVICE_TIERS = ['critical', 'standard', 'best-effort'] as const;

export type ServiceTier = (typeof SERVICE_TIERS)[number];

// A Kubernetes object name (RFC 1123 label): Services, Deployments and DNS
// names are all derived from the service name.
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_NAME_LENGTH = 63;

/** Problems with a proposed service name, as sentences; empty when fine. */
export function problemsWithServiceName(name: string): string[] {
  const problems: string[] = [];
  if (name.length === 0) {
    return ['the name is empty'];
  }
  if (name.length > MAX_NAME_LENGTH) {
    problems.push(
      `the name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`,
    );
  }
  if (!DNS_1123_LABEL.test(name)) {
    problems.push(
      `'${name}' is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
    );
  }
  return problems;
}

/** Problems with a proposed container port; empty when fine. */
export function problemsWithPort(port: number): string[] {
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    return [
      `port ${port} is out of range: use a whole number from 1024 to 65535 (ports below 1024 need root)`,
    ];
  }
  return [];
}
