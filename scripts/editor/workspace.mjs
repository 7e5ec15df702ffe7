// Test and demo workspaces: a fresh copy of demo/workspace (the repository copy is never modified).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './host.mjs';

export const demoWorkspace = path.join(repoRoot, 'demo', 'workspace');

/** A valid value different from the setting's default (booleans, enums, numbers), else undefined. */
export function otherValue(schema) {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (Array.isArray(schema.enum) && schema.enum.length > 1) {
    return schema.enum.find((v) => JSON.stringify(v) !== JSON.stringify(schema.default));
  }
  switch (type) {
    case 'boolean':
      return !schema.default;
    case 'number':
    case 'integer': {
      const d = typeof schema.default === 'number' ? schema.default : 0;
      return schema.maximum !== undefined && d + 1 > schema.maximum ? d - 1 : d + 1;
    }
    default: // strings and arrays could be paths or patterns the extension acts on; leave them alone

      return undefined;
  }
}

export function declaredSettings(manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))) {
  const conf = manifest.contributes?.configuration;
  const list = Array.isArray(conf) ? conf : conf ? [conf] : [];
  return list.flatMap((c) => Object.entries(c.properties ?? {}));
}

/**
 * Copies demo/workspace to `dest`. With seedSettings, also writes a non-default workspace value for
 * every airlock.* setting it can (scalar types) into dest/.vscode/settings.json, so tests can check
 * that workspace settings are read.
 */
export function prepareWorkspace(dest, { seedSettings = false } = {}) {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(demoWorkspace, dest, { recursive: true });
  if (seedSettings) {
    const file = path.join(dest, '.vscode', 'settings.json');
    const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    for (const [key, schema] of declaredSettings()) {
      // application- and machine-scoped settings ignore workspace values by design
      if (schema.scope === 'application' || schema.scope === 'machine') continue;
      const value = otherValue(schema);
      if (value !== undefined && key.startsWith('airlock.')) current[key] = value;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
  }
  return dest;
}
