// Rule family: registries — publishing to package registries (npm, PyPI, Rust crates, RubyGems,
// container registries, Helm, Maven, NuGet, VS Code Marketplace…) and taking packages back
// (unpublish, yank, deprecate). Publishing is outward and, on most registries, permanent.
import { isLocalHost, toolOf } from '../invocation.js';
import type { Finding, Risk, Tag } from '../model.js';
import type { CommandView, Rule } from './rule.js';

const DRY = ['--dry-run', '-n', '--dryrun'];
const TEST_REGISTRY = /test\.pypi|testpypi|localhost|127\.0\.0\.1|verdaccio|:4873|staging|sandbox/i;

function publish(v: CommandView, what: string, pkg: string | undefined, extra: Tag[] = [], irreversible = true, risk: Risk = 'high'): Finding {
  const registry = v.value('--registry', '-r', '--repository', '--repository-url', '--index', '--source', '-s', '--publish-url');
  const test = registry !== undefined && TEST_REGISTRY.test(registry);
  return {
    ruleId: 'registries.publish', risk: test ? 'medium' : risk, effect: 'publish',
    summary: `publishes ${pkg ?? 'the package'} to ${registry ?? what}${irreversible && !test ? ' (a published version cannot be replaced)' : ''}`,
    targets: [{ kind: 'package', name: pkg ?? v.cwd }, ...(registry ? [{ kind: 'url' as const, name: registry }] : [])],
    reversibility: irreversible ? 'irreversible' : 'recoverable',
    tags: ['package-registry', ...(irreversible && !test ? (['irreversible'] as Tag[]) : []), ...extra],
    alternatives: ['run it with --dry-run first', 'publish to a test registry first'],
  };
}

function unpublish(ruleId: string, summary: string, pkg: string | undefined, risk: Risk, tags: Tag[] = []): Finding {
  return { ruleId, risk, effect: 'delete', summary, targets: pkg ? [{ kind: 'package', name: pkg }] : [], reversibility: risk === 'critical' ? 'irreversible' : 'recoverable', tags: ['package-registry', ...tags] };
}

/** npm, yarn, pnpm, bun, lerna, changesets… */
function jsRegistry(v: CommandView): Finding | undefined {
  const t = v.program === 'npx' || v.program === 'bunx' || v.program === 'pnpx' ? toolOf(v) : v;
  const p = t.program;
  const pos = t.positionals(['--registry', '--tag', '--access', '--otp', '-w', '--workspace', '--filter', '-F', '--cwd', '-C', '--dir', '--provenance-file']);
  let sub = pos[0];
  if (p === 'yarn' && sub === 'npm') sub = pos[1] === 'publish' ? 'publish' : pos[1] === 'tag' ? 'dist-tag' : pos[1];
  if ((p === 'lerna' || p === 'changeset' || p === 'semantic-release' || p === 'release-it' || p === 'np') && !t.has(...DRY, '--no-push', '--no-npm')) {
    if (p === 'lerna' && sub !== 'publish') return undefined;
    if (p === 'changeset' && sub !== 'publish') return undefined;
    if ((p === 'release-it' || p === 'np') && t.has('--no-publish')) return undefined;
    return publish(t, 'the npm registry', `the packages released by ${p}`, t.has('--yes', '-y', '--ci') ? ['confirmation-bypass'] : []);
  }
  if (!['npm', 'yarn', 'pnpm', 'bun'].includes(p)) return undefined;
  const pkg = pos[1];
  const otp = t.has('--otp') ? (['credential'] as Tag[]) : [];
  switch (sub) {
    case 'publish':
      if (t.has(...DRY)) return undefined;
      return publish(t, 'the npm registry', pos[1] ?? undefined, [...otp, ...(t.has('-r', '--recursive') ? (['wildcard'] as Tag[]) : [])]);
    case 'unpublish': {
      if (t.has(...DRY)) return undefined;
      const whole = !pkg || !pkg.slice(1).includes('@') || t.has('--force', '-f');
      return unpublish('registries.unpublish', `unpublishes ${whole ? 'EVERY version of ' : ''}${pkg ?? 'the package'} from npm: dependents break and the name/version can never be reused`, pkg, 'critical', ['irreversible', 'data-loss', ...(t.has('--force', '-f') ? (['confirmation-bypass'] as Tag[]) : [])]);
    }
    case 'deprecate':
      return unpublish('registries.deprecate', `deprecates ${pkg ?? '?'} on npm (every install shows the warning)`, pkg, 'high', ['shared-state']);
    case 'dist-tag': {
      const op = pos[1];
      if (op === 'ls' || op === 'list') return undefined;
      return unpublish('registries.dist-tag', `changes npm dist-tag ${pos.slice(2).join(' ')} (what users install by default)`, pos[2], 'high', ['shared-state', 'package-registry']);
    }
    case 'owner':
      if (pos[1] === 'rm' || pos[1] === 'remove' || pos[1] === 'add') return unpublish('registries.owner', `${pos[1] === 'add' ? 'adds' : 'removes'} ${pos[2] ?? '?'} as owner of ${pos[3] ?? 'the package'}`, pos[3], 'high', ['privilege']);
      return undefined;
    case 'access':
      if (pos[1] === 'public' || pos[1] === 'set') return unpublish('registries.access', `changes access of ${pos[2] ?? 'the package'} on npm`, pos[2], 'medium', ['shared-state']);
      return undefined;
    default:
      return undefined;
  }
}

function other(v: CommandView): Finding | undefined {
  const t = toolOf(v);
  const p = t.program;
  const pos = t.positionals(['-r', '--repository', '--repository-url', '-u', '--username', '-p', '--password', '--token', '--index', '--registry', '--config-file', '-c', '--key', '--host', '-k', '--api-key', '-s', '--source', '--pat', '--vers', '--version', '--sign-with', '--identity', '--ca-file', '--username-password', '--password-stdin', '--tag', '-t', '--packages-dir']);
  const sub = pos[0];
  const bypass: Tag[] = t.has('-y', '--yes', '--no-confirm', '--skip-confirmation', '--non-interactive', '--force') ? ['confirmation-bypass'] : [];
  switch (p) {
    case 'cargo':
      if (sub === 'publish') return t.has(...DRY) ? undefined : publish(t, 'the Rust crate registry', t.value('-p', '--package'), bypass);
      if (sub === 'yank') return t.has('--undo') ? undefined : unpublish('registries.yank', `yanks ${pos[1] ?? t.value('--package') ?? 'the crate'} ${t.value('--version', '--vers') ?? ''} on the Rust crate registry (new projects can no longer depend on it)`.replace(/\s+/g, ' '), pos[1], 'critical', ['shared-state', 'package-registry']);
      if (sub === 'owner' && t.has('--remove', '-r')) return unpublish('registries.owner', `removes an owner of ${pos[1] ?? 'the crate'}`, pos[1], 'high', ['privilege']);
      return undefined;
    case 'twine':
      if (sub === 'upload') return publish(t, 'PyPI', pos.slice(1).join(' ') || undefined, bypass);
      return undefined;
    case 'poetry': case 'flit': case 'hatch': case 'uv': case 'pdm':
      if (sub === 'publish') return t.has(...DRY) ? undefined : publish(t, 'PyPI', undefined, bypass);
      return undefined;
    case 'gem':
      if (sub === 'push') return publish(t, 'RubyGems', pos[1], bypass);
      if (sub === 'yank') return unpublish('registries.yank', `yanks ${pos[1] ?? '?'} ${t.value('-v', '--version') ?? ''} from RubyGems`.trim(), pos[1], 'critical', ['irreversible']);
      if (sub === 'owner' && t.has('-r', '--remove')) return unpublish('registries.owner', `removes an owner of gem ${pos[1] ?? '?'}`, pos[1], 'high', ['privilege']);
      return undefined;
    case 'docker': case 'podman': case 'nerdctl': case 'buildah': case 'skopeo': case 'crane': {
      let image: string | undefined;
      if (p === 'skopeo' && sub === 'copy') image = pos[2];
      else if (p === 'skopeo' && sub === 'delete') return unpublish('registries.image-delete', `deletes image ${pos[1] ?? '?'} from its registry`, pos[1], 'high', ['irreversible', 'data-loss']);
      else if (p === 'crane' && (sub === 'push' || sub === 'copy' || sub === 'cp')) image = pos[2];
      else if (p === 'crane' && sub === 'delete') return unpublish('registries.image-delete', `deletes image ${pos[1] ?? '?'} from its registry`, pos[1], 'high', ['irreversible', 'data-loss']);
      else if (sub === 'push' || (sub === 'image' && pos[1] === 'push')) image = sub === 'push' ? pos[1] : pos[2];
      else if ((sub === 'buildx' || sub === 'build' || sub === 'bud') && (t.has('--push') || t.values('--output', '-o').some((o) => /push=true|type=registry/.test(o)))) image = t.value('-t', '--tag');
      else if (sub === 'manifest' && pos[1] === 'push') image = pos[2];
      else return undefined;
      const first = image?.includes('/') ? image.split('/')[0]! : '';
      const host = /[.:]|^localhost$/.test(first) ? first : 'docker.io';
      const local = /[.:]/.test(host) && isLocalHost(host.split(':')[0]!);
      const tag = image?.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
      const moving = /^(latest|prod|production|stable|main|master|live|release)$/i.test(tag);
      return {
        ruleId: 'registries.image-push', risk: local ? 'medium' : 'high', effect: 'publish',
        summary: `pushes image ${image ?? '(from the build)'} to ${local ? 'a local registry' : host}${moving && !local ? ` — overwrites tag ${tag}, which deployments may pull` : ''}`,
        targets: [{ kind: 'package', name: image ?? '?' }, { kind: 'host', name: host }], reversibility: 'recoverable',
        tags: ['package-registry', ...(moving && !local ? (['shared-state'] as Tag[]) : [])], alternatives: ['push a unique version tag instead of a moving one'],
      };
    }
    case 'helm':
      if (sub === 'push' || (sub === 'cm-push')) return publish(t, pos[2] ?? 'a chart registry', pos[1], [], false);
      return undefined;
    case 'vsce': case 'ovsx':
      if (sub === 'publish') return publish(t, p === 'vsce' ? 'the VS Code Marketplace' : 'Open VSX', undefined, bypass);
      if (sub === 'unpublish') return unpublish('registries.unpublish', `unpublishes extension ${pos[1] ?? ''} from the marketplace`, pos[1], 'critical', ['irreversible', 'data-loss', ...bypass]);
      return undefined;
    case 'mvn': case 'mvnw':
      if (t.args.some((a) => /^deploy(:deploy)?$|^release:perform$/.test(a))) return publish(t, 'the Maven repository', undefined, bypass);
      return undefined;
    case 'gradle': case 'gradlew':
      if (t.args.some((a) => /^(:?[\w-]+:)*publish(\w*(Repository|Central|ToSonatype|Plugins))?$|^closeAndReleaseRepository$|^publishPlugins$/.test(a) && !/ToMavenLocal$/.test(a))) return publish(t, 'a Maven repository', undefined, bypass);
      return undefined;
    case 'dotnet':
      if (sub === 'nuget' && pos[1] === 'push') return publish(t, 'NuGet', pos[2], bypass);
      if (sub === 'nuget' && pos[1] === 'delete') return unpublish('registries.unpublish', `unlists ${pos[2] ?? '?'} ${pos[3] ?? ''} on NuGet`, pos[2], 'critical', bypass);
      return undefined;
    case 'nuget':
      if (sub === 'push') return publish(t, 'NuGet', pos[1], bypass);
      if (sub === 'delete') return unpublish('registries.unpublish', `unlists ${pos[1] ?? '?'} on NuGet`, pos[1], 'critical', bypass);
      return undefined;
    case 'pod':
      if (sub === 'trunk' && (pos[1] === 'push' || pos[1] === 'delete' || pos[1] === 'deprecate')) return pos[1] === 'push' ? publish(t, 'CocoaPods trunk', pos[2], bypass) : unpublish('registries.unpublish', `${pos[1]}s pod ${pos[2] ?? '?'}`, pos[2], 'high', ['irreversible']);
      return undefined;
    case 'dart': case 'flutter':
      if (sub === 'pub' && pos[1] === 'publish') return t.has(...DRY) ? undefined : publish(t, 'pub.dev', undefined, bypass);
      return undefined;
    case 'mix':
      if (sub === 'hex.publish') return t.has(...DRY) ? undefined : publish(t, 'Hex', undefined, bypass);
      return undefined;
    case 'anaconda':
      if (sub === 'upload') return publish(t, 'Anaconda', pos[1], bypass);
      return undefined;
    case 'gh':
      if (sub === 'release' && pos[1] === 'create') {
        // Publishing a release is publishing (RISK-LEVELS.md: high); a draft is seen by maintainers only.
        return { ruleId: 'registries.gh-release', risk: t.has('--draft', '-d') ? 'medium' : 'high', effect: 'publish', summary: `creates GitHub release ${pos[2] ?? ''}${t.has('--draft', '-d') ? ' (draft)' : ''}`.trim(), targets: pos[2] ? [{ kind: 'resource', name: `release ${pos[2]}` }] : [], reversibility: 'recoverable', tags: ['package-registry'] };
      }
      return undefined;
    default:
      return undefined;
  }
}

export const rules: readonly Rule[] = [
  { id: 'registries.npm', programs: ['npm', 'yarn', 'pnpm', 'bun', 'npx', 'bunx', 'pnpx', 'lerna', 'changeset', 'semantic-release', 'release-it', 'np'], description: 'npm/yarn/pnpm/bun publish, unpublish, deprecate, dist-tag and owner changes; lerna/changesets/semantic-release.', check: jsRegistry },
  {
    id: 'registries.publish',
    programs: ['npx', 'bunx', 'pnpx', 'bundle', 'uvx', 'pipx', 'pipenv', 'cargo', 'twine', 'poetry', 'flit', 'hatch', 'uv', 'pdm', 'gem', 'docker', 'podman', 'nerdctl', 'buildah', 'skopeo', 'crane', 'helm', 'vsce', 'ovsx', 'mvn', 'mvnw', 'gradle', 'gradlew', 'dotnet', 'nuget', 'pod', 'dart', 'flutter', 'mix', 'anaconda', 'gh', 'python', 'python3'],
    description: 'Publishing and yanking Rust crates, PyPI, RubyGems, container registries, Helm, Maven, NuGet, pub.dev, Hex; gh release create.',
    check: other,
  },
];
