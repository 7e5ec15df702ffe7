// What the agent and the human are told. Denials say what was blocked, which rule, and what would
// be acceptable — agents that are only told "no" tend to reroute to worse workarounds.
import type { Assessment } from '../core/model.js';
import type { HookVerdict } from '../core/hooks/types.js';

export function allowVerdict(a: Assessment, why: string): HookVerdict {
  return { action: 'allow', userMessage: `Airlock: ${why}`, agentMessage: '' };
}

export function denyVerdict(a: Assessment | undefined, why: string): HookVerdict {
  const rules = a?.rules.length ? ` Rule${a.rules.length > 1 ? 's' : ''}: ${a.rules.slice(0, 3).map((r) => r.id).join(', ')}.` : '';
  const alternatives = a?.alternatives.length ? ` Acceptable instead: ${a.alternatives.slice(0, 2).join('; ')}.` : '';
  const summary = a ? ` ${a.summary}` : '';
  return {
    action: 'deny',
    userMessage: `Airlock blocked a command: ${why}`,
    agentMessage: `Airlock blocked this command: ${why}.${summary}${rules}${alternatives} Do not work around this block; if the command is needed, ask the human to review it in the Airlock panel or to run it themselves.`,
  };
}
