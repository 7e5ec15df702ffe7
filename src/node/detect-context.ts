// Reads the ambient environment a command would run in: the git branch, the kube context, the
// Terraform workspace and the cloud profile. Every probe is best effort and never throws.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

const read = (p: string): string | undefined => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

export function detectGitBranch(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const dotGit = join(dir, '.git');
    if (existsSync(dotGit)) {
      let gitDir = dotGit;
      try {
        if (statSync(dotGit).isFile()) {
          const m = /^gitdir:\s*(.+)$/m.exec(read(dotGit) ?? '');
          if (m) gitDir = resolve(dir, m[1]!.trim());
        }
      } catch {
        return undefined;
      }
      const head = read(join(gitDir, 'HEAD'));
      const m = head && /^ref:\s*refs\/heads\/(.+)$/m.exec(head);
      return m ? m[1]!.trim() : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function detectKubeContext(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const file = env.KUBECONFIG?.split(':')[0] || join(env.HOME || homedir(), '.kube', 'config');
  const text = read(file);
  if (!text) return undefined;
  try {
    const doc = parseYaml(text) as { 'current-context'?: unknown } | null;
    const c = doc?.['current-context'];
    return typeof c === 'string' && c ? c : undefined;
  } catch {
    return undefined;
  }
}

export function detectTerraformWorkspace(cwd: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  return env.TF_WORKSPACE || read(join(cwd, '.terraform', 'environment'))?.trim() || undefined;
}

export function detectCloudProfile(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || env.CLOUDSDK_CORE_PROJECT || env.GOOGLE_CLOUD_PROJECT || env.AZURE_SUBSCRIPTION_ID || undefined;
}

export function detectLinkedEnvironment(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return env.RAILWAY_ENVIRONMENT || env.RAILWAY_ENVIRONMENT_NAME || env.VERCEL_ENV || env.FLY_APP_NAME || env.HEROKU_APP || undefined;
}
