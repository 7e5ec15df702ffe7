// Which environment a remote operation touches. Principle: verify, don't guess — an environment
// that cannot be established from names, hosts or the context counts as production ("unverified").
import type { AssessContext } from './context.js';
import type { EnvironmentVerdict } from './model.js';

const PRODUCTION = /(^|[^a-z0-9])(prod|production|prd|live|master-db|primary)([^a-z0-9]|$)/i;
const NON_PRODUCTION = /(^|[^a-z0-9])(staging|stage|stg|dev|develop|development|test|testing|qa|sandbox|preview|demo|local|ci|tmp|temp|scratch)([^a-z0-9]|$)/i;
// In a URL, `.dev` and `.ci` are public top-level domains (api.machines.dev is Fly's production API), not markers.
// (Bare names are left alone: `config.settings.dev` is a settings module.)
const PUBLIC_TLD = /^([a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?[^:/?#]*)\.(dev|ci)(?=[:/?#]|$)/i;
/** Kubernetes clusters that run on this machine (kind, k3d, minikube, Docker Desktop…): their contexts are local. */
export const LOCAL_CLUSTER = /^(kind-|k3d-|minikube|docker-desktop|docker-for-desktop|rancher-desktop|orbstack|colima)/i;
const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|::1|0\.0\.0\.0|\[::1\]|host\.docker\.internal|[a-z0-9-]+\.local|[a-z0-9-]+\.localhost)$/i;

export interface EnvironmentFinding {
  readonly verdict: EnvironmentVerdict;
  /** What decided it: "kube context prod-eu", "host db.prod.example.com", or why unverified. */
  readonly reason: string;
}

const containsMarker = (value: string, markers: readonly string[]): string | undefined =>
  markers.find((m) => m && value.toLowerCase().includes(m.toLowerCase()));

/**
 * Classifies the identifiers a rule found (hosts, project names, database URLs, resource ids)
 * together with the ambient context (kube context, Terraform workspace, cloud profile, linked env).
 * Production anywhere wins; "non-production" needs positive evidence; otherwise unverified.
 */
export function classifyEnvironment(identifiers: readonly string[], ctx: AssessContext, ambient: readonly string[] = []): EnvironmentFinding {
  const named = identifiers.filter(Boolean);
  const production = (values: readonly string[]) => {
    for (const id of values) {
      const m = containsMarker(id, ctx.productionMarkers);
      if (m) return `${id} matches the policy's production marker "${m}"`;
      if (PRODUCTION.test(id)) return `${id} names production`;
    }
    return undefined;
  };
  const nonProduction = (values: readonly string[]) => values.find((id) => containsMarker(id, ctx.nonProductionMarkers) || NON_PRODUCTION.test(id.replace(PUBLIC_TLD, '$1')));
  // What the command names explicitly decides first; the ambient context (kube context, workspace…)
  // only speaks when the command itself does not say.
  const namedProd = production(named);
  if (namedProd) return { verdict: 'production', reason: namedProd };
  if (named.length && named.every((id) => LOCAL_HOST.test(hostOf(id)) || LOCAL_CLUSTER.test(id))) {
    return { verdict: 'local', reason: `${named.join(', ')} is this machine` };
  }
  const namedNonProd = nonProduction(named);
  if (namedNonProd) return { verdict: 'non-production', reason: `${namedNonProd} names a non-production environment` };
  const ambientValues = ambient.filter(Boolean);
  const ambientProd = production(ambientValues);
  if (ambientProd) return { verdict: 'production', reason: `the active context: ${ambientProd}` };
  if (!named.length && ambientValues.length && ambientValues.every((a) => LOCAL_CLUSTER.test(a))) {
    return { verdict: 'local', reason: `the active context ${ambientValues.join(', ')} is a cluster on this machine` };
  }
  const ambientNonProd = nonProduction(ambientValues);
  if (ambientNonProd) return { verdict: 'non-production', reason: `the active context ${ambientNonProd} is non-production` };
  const what = named.length ? named.join(', ') : 'the target';
  return { verdict: 'unverified', reason: `environment unverified: nothing shows ${what} is not production` };
}

/** The host part of a URL or connection string, or the string itself. */
export function hostOf(id: string): string {
  // `jdbc:postgresql://…` and sqitch's `db:pg://…` carry a prefix before the scheme.
  const m = /^(?:jdbc:|db:)?[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(id);
  return m ? m[1]! : id;
}
