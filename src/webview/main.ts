// The Airlock panel script. Renders with textContent only: command text is data, never markup.
import type { Assessment } from '../core/model.js';
import type { Decision } from '../core/policy/decide.js';
import type { FromWebview, PanelStatus, ToWebview } from '../protocol/webview.js';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void };
const vscode = acquireVsCodeApi();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

const root = document.getElementById('airlock-root')!;
const statusBox = el('section', undefined, 'status');
const form = el('form', undefined, 'assess');
const input = el('textarea');
input.rows = 3;
input.placeholder = 'Paste a command to assess without running it';
input.setAttribute('aria-label', 'Command to assess');
const button = el('button', 'Assess');
button.type = 'submit';
form.append(input, button);
const result = el('section', undefined, 'result');
result.setAttribute('aria-live', 'polite');
root.append(statusBox, form, result);

form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (input.value.trim()) vscode.postMessage({ type: 'assess', command: input.value });
});

function renderStatus(s: PanelStatus): void {
  statusBox.replaceChildren(
    el('h2', 'Protection'),
    el('p', `Workspace: ${s.workspace}`),
    el('p', `Policy: ${s.policySource}${s.policyProblems ? ` (${s.policyProblems} problem${s.policyProblems === 1 ? '' : 's'}, see Problems)` : ''}`),
  );
}

function renderAssessment(a: Assessment, d: Decision): void {
  const header = el('h2');
  header.append(el('span', a.risk.toUpperCase(), `badge risk-${a.risk}`), document.createTextNode(` → ${d.action}`));
  const cmd = el('pre', a.command, 'command');
  const plan = el('ol', undefined, 'plan');
  for (const s of a.steps) {
    const li = el('li');
    li.append(el('span', s.risk, `badge risk-${s.risk}`), document.createTextNode(` ${s.effect}: ${s.summary}`));
    if (s.targets.length) li.append(el('div', `targets: ${s.targets.map((t) => `${t.kind} ${t.name}`).join(', ')}`, 'detail'));
    li.append(el('div', [`scope ${s.scope}`, s.reversibility, s.environment ? `environment ${s.environment}` : ''].filter(Boolean).join(' · '), 'detail'));
    plan.append(li);
  }
  const parts: HTMLElement[] = [header, el('p', a.summary), cmd, plan];
  if (a.rules.length) parts.push(el('p', `Rules: ${a.rules.map((r) => r.id).join(', ')}`, 'detail'));
  if (a.tags.length) parts.push(el('p', `Tags: ${a.tags.join(', ')}`, 'detail'));
  if (a.alternatives.length) {
    const ul = el('ul');
    for (const alt of a.alternatives) ul.append(el('li', alt));
    parts.push(el('h3', 'Safer alternatives'), ul);
  }
  result.replaceChildren(...parts);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (m?.type === 'status') renderStatus(m.status);
  else if (m?.type === 'assessment') renderAssessment(m.assessment, m.decision);
});
vscode.postMessage({ type: 'ready' });
