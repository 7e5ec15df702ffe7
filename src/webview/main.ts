// The Airlock panel script. Renders with textContent only: command text is data, never markup.
// Held requests are shown as cards; the only thing a card can send is "decide request X", and the
// extension accepts that only for a request it holds (src/gate/panel-decision.ts).
import { describeBlastRadius } from '../core/blast-radius.js';
import type { Assessment } from '../core/model.js';
import type { Decision } from '../core/policy/decide.js';
import { suggestPrefix, validatePrefix } from '../core/policy/session-pattern.js';
import type { DecideMessage, FromWebview, HistoryEntry, PanelStatus, PendingCard, PolicyReview, ToWebview, VerifyResult } from '../protocol/webview.js';
import { tokenize } from './highlight.js';
import { filterHistory, filterOptions, type HistoryFilter } from './history-filter.js';
import { formatCountdown, revealSegments, shouldFold } from './visible-text.js';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void };
const vscode = acquireVsCodeApi();

/** How many held requests at once count as a burst worth a warning. */
const BURST = 3;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** A codicon (from dist/codicon.css): decoration only, hidden from screen readers. */
function icon(name: string): HTMLSpanElement {
  const i = el('span', undefined, `codicon codicon-${name}`);
  i.setAttribute('aria-hidden', 'true');
  return i;
}

const RISK_ICONS: Record<string, string> = { low: 'shield', medium: 'warning', high: 'error', critical: 'flame' };

/** The risk badge: an icon and the risk in words. */
function badge(risk: string, text: string = risk.toUpperCase()): HTMLSpanElement {
  const b = el('span', undefined, `badge risk-${risk}`);
  b.append(icon(RISK_ICONS[risk] ?? 'question'), document.createTextNode(text));
  return b;
}

function button(label: string, aria: string, onClick: () => void, className?: string, iconName?: string): HTMLButtonElement {
  const b = el('button', label, className);
  if (iconName) b.prepend(icon(iconName));
  b.type = 'button';
  b.setAttribute('aria-label', aria);
  b.addEventListener('click', onClick);
  return b;
}

const root = document.getElementById('airlock-root')!;
const statusBox = el('section', undefined, 'status');
const pendingBox = el('section', undefined, 'pending');
pendingBox.setAttribute('aria-label', 'Requests waiting for you');
pendingBox.setAttribute('aria-live', 'polite');
const form = el('form', undefined, 'assess');
const input = el('textarea');
input.rows = 3;
input.placeholder = 'Paste a command to assess without running it';
input.setAttribute('aria-label', 'Command to assess');
const assessButton = el('button', 'Assess');
assessButton.type = 'submit';
form.append(input, assessButton);
const result = el('section', undefined, 'result');
result.setAttribute('aria-live', 'polite');
const policyBox = el('section', undefined, 'policy-review');
policyBox.setAttribute('aria-label', 'Policy changes waiting for you');
policyBox.setAttribute('aria-live', 'polite');
policyBox.hidden = true;
const historyBox = el('section', undefined, 'history');
historyBox.setAttribute('aria-label', 'History: recent decisions');
root.append(policyBox, pendingBox, historyBox, statusBox, form, result);

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

/** Appends `text` with hidden characters as markers and look-alikes highlighted, titled and marked. */
function appendRevealed(parent: HTMLElement, text: string): void {
  for (const s of revealSegments(text)) {
    if (s.hidden) parent.append(el('span', s.text, 'hidden-char'));
    else if (s.lookalike) {
      const span = el('span', s.text, 'lookalike');
      span.title = `${s.lookalike.marker} looks like "${s.lookalike.looksLike}" but is not ASCII`;
      span.append(el('span', s.lookalike.marker, 'lookalike-marker'));
      parent.append(span);
    } else parent.append(document.createTextNode(s.text));
  }
}

/** The command with hidden characters shown as markers; long ones folded behind a "show all" toggle. */
function commandBlock(command: string): HTMLElement[] {
  const pre = el('pre', undefined, 'command');
  // Colours only (tokenize is display-only); every token's text still goes through appendRevealed.
  for (const t of tokenize(command)) {
    if (t.kind === 'space' || t.kind === 'text') appendRevealed(pre, t.text);
    else {
      const span = el('span', undefined, `tok-${t.kind}`);
      appendRevealed(span, t.text);
      pre.append(span);
    }
  }
  if (!shouldFold(command)) return [pre];
  pre.classList.add('folded');
  pre.tabIndex = 0; // scrollable with the keyboard while folded
  const lines = command.split('\n').length;
  const toggle = button(`Show all (${lines} line${lines === 1 ? '' : 's'}, ${command.length} characters)`, 'Show all of the command', () => {
    const folded = pre.classList.toggle('folded');
    toggle.textContent = folded ? `Show all (${lines} line${lines === 1 ? '' : 's'}, ${command.length} characters)` : 'Fold';
    toggle.setAttribute('aria-expanded', String(!folded));
    toggle.setAttribute('aria-label', folded ? 'Show all of the command' : 'Fold the command');
  }, 'link');
  toggle.setAttribute('aria-expanded', 'false');
  return [pre, toggle];
}

function planList(a: Assessment): HTMLOListElement {
  const plan = el('ol', undefined, 'plan');
  for (const s of a.steps) {
    const li = el('li');
    li.append(badge(s.risk, s.risk), document.createTextNode(` ${s.effect}: ${s.summary}`));
    if (s.targets.length) li.append(el('div', `targets: ${s.targets.map((t) => `${t.kind} ${t.name}`).join(', ')}`, 'detail'));
    li.append(el('div', [`scope ${s.scope}`, s.reversibility, s.environment ? `environment ${s.environment}` : ''].filter(Boolean).join(' · '), 'detail'));
    plan.append(li);
  }
  return plan;
}

function copyButton(text: string): HTMLButtonElement {
  return button('Copy', `Copy the safer alternative`, () => {
    void navigator.clipboard?.writeText(text).catch(() => undefined);
  }, 'secondary small', 'copy');
}

/** Blast radius, credentials, rules and the safer alternatives of an assessment. */
function details(a: Assessment): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (a.blastRadius) parts.push(el('p', `Blast radius: ${describeBlastRadius(a.blastRadius)}`, 'detail blast'));
  parts.push(el('p', `Environment: ${a.environment} · ${a.reversibility}`, 'detail'));
  if (a.credentials.length) parts.push(el('p', `Credentials: ${a.credentials.map((c) => `${c.kind} ${c.name}`).join(', ')}`, 'detail'));
  if (a.rules.length) {
    const ul = el('ul', undefined, 'rules');
    for (const r of a.rules) ul.append(el('li', `${r.id} (${r.risk}): ${r.summary}`));
    parts.push(el('h3', 'Rules that fired'), ul);
  }
  if (a.alternatives.length) {
    const ul = el('ul', undefined, 'alternatives');
    for (const alt of a.alternatives) {
      const li = el('li');
      li.append(el('code', alt), copyButton(alt));
      ul.append(li);
    }
    parts.push(el('h3', 'Safer alternative'), ul);
  }
  return parts;
}

function renderAssessment(a: Assessment, d: Decision): void {
  const header = el('h2');
  header.append(badge(a.risk), document.createTextNode(` → ${d.action}`));
  result.replaceChildren(header, el('p', a.summary), ...commandBlock(a.command), planList(a), ...details(a));
}

// ── held requests ────────────────────────────────────────────────────────────────────────────────

const cards = new Map<string, { card: HTMLElement; request: PendingCard; countdown: HTMLElement }>();
let clockOffset = 0; // extension clock minus webview clock
const burstLine = el('p', undefined, 'burst');
burstLine.setAttribute('role', 'alert');

function decide(card: HTMLElement, m: Omit<DecideMessage, 'type'>): void {
  for (const b of card.querySelectorAll('button')) b.disabled = true;
  card.classList.add('sent');
  vscode.postMessage({ type: 'decide', ...m });
  // The extension ignores a decision it cannot accept; the card then stays and can be answered again.
  setTimeout(() => {
    if (!card.isConnected) return;
    card.classList.remove('sent');
    for (const b of card.querySelectorAll('button')) b.disabled = false;
    for (const i of card.querySelectorAll('input')) i.dispatchEvent(new Event('input'));
  }, 3_000);
}

function pendingCardElement(p: PendingCard): { card: HTMLElement; countdown: HTMLElement } {
  const a = p.assessment;
  const who = `${p.agent}${p.session ? `, session ${p.session.slice(0, 12)}` : ''}`;
  const card = el('article', undefined, `card risk-border-${a.risk}`);
  card.setAttribute('aria-label', `${a.risk} request from ${who}`);
  card.dataset.id = p.id;

  const header = el('h2');
  header.append(badge(a.risk), document.createTextNode(` ${p.agent} wants to run`));
  const meta = el('p', `Asked by ${who} · policy: ${p.decision.action} (${p.decision.decidedBy})`, 'detail');
  const countdown = el('p', undefined, 'countdown');
  countdown.setAttribute('aria-live', 'off');
  const parts: HTMLElement[] = [header, meta];
  if (p.intent) parts.push(el('p', `Stated intent: ${p.intent}`, 'intent'));
  parts.push(...commandBlock(a.command), el('p', a.summary), el('h3', 'Plan'), planList(a), ...details(a));
  if (p.snapshot) parts.push(el('p', `Snapshot before it runs: ${p.snapshot}`, 'snapshot'));
  parts.push(countdown);

  const note = el('input', undefined, 'note');
  note.type = 'text';
  note.placeholder = 'Note to the agent (optional)';
  note.setAttribute('aria-label', 'Note to the agent with a denial (optional)');
  const deny = button('Deny', 'Deny this request (the note, if any, goes to the agent)', () => decide(card, { id: p.id, action: 'deny', scope: 'once', ...(note.value.trim() && { note: note.value }) }), 'secondary', 'close');
  const actions = el('div', undefined, 'actions');

  if (p.coolingUntil !== undefined) {
    // Approved; the cooling-off is the last chance to stop it.
    header.replaceChildren(badge(a.risk), document.createTextNode(` Approved — ${p.agent} runs this when the countdown ends`));
    const cancel = button('Cancel', 'Cancel: stop this approved command before it is released', () => decide(card, { id: p.id, action: 'deny', scope: 'once', note: 'cancelled during the cooling-off' }), undefined, 'close');
    const row = el('div', undefined, 'row');
    row.append(cancel);
    actions.append(row);
  } else if (p.confirmTarget !== undefined) {
    const target = p.confirmTarget;
    const label = el('label', undefined, 'confirm');
    label.append(document.createTextNode('Type '), el('code', target), document.createTextNode(' to enable Allow'));
    const typed = el('input', undefined, 'typed');
    typed.type = 'text';
    typed.autocomplete = 'off';
    typed.spellcheck = false;
    typed.setAttribute('aria-label', `Type ${target} to enable Allow`);
    label.append(typed);
    const allow = button('Allow once', `Allow once: this ${a.risk} request only`, () => decide(card, { id: p.id, action: 'allow', scope: 'once', typed: typed.value }), undefined, 'check');
    allow.disabled = true;
    typed.addEventListener('input', () => (allow.disabled = typed.value !== target));
    actions.append(label, el('div', undefined, 'row'));
    actions.lastElementChild!.append(allow, deny, note);
  } else {
    const once = button('Allow once', 'Allow once: this request only', () => decide(card, { id: p.id, action: 'allow', scope: 'once' }), undefined, 'check');
    const session = button('Allow for this session', 'Allow for this session: exactly this command, for the rest of this agent session', () => decide(card, { id: p.id, action: 'allow', scope: 'session' }), 'secondary', 'check-all');
    const similar = el('div', undefined, 'similar');
    similar.hidden = true;
    const prefix = el('input', undefined, 'prefix');
    prefix.type = 'text';
    prefix.spellcheck = false;
    prefix.value = suggestPrefix(a.command);
    prefix.setAttribute('aria-label', 'Allow commands starting with');
    const problem = el('p', undefined, 'problem');
    problem.setAttribute('role', 'status');
    const allowSimilar = button('Allow similar', 'Allow similar: commands starting with this text, for the rest of this agent session', () => decide(card, { id: p.id, action: 'allow', scope: 'session-pattern', prefix: prefix.value }), undefined, 'check-all');
    const check = () => {
      const why = validatePrefix(prefix.value, a);
      problem.textContent = why ?? 'Commands that start with this, add no chaining and are no riskier will run without asking.';
      problem.classList.toggle('error', why !== undefined);
      allowSimilar.disabled = why !== undefined;
    };
    prefix.addEventListener('input', check);
    check();
    const label = el('label', 'Commands starting with');
    label.append(prefix);
    similar.append(label, problem, allowSimilar);
    const similarToggle = button('Allow similar…', 'Allow similar…: edit a pattern for this session', () => {
      similar.hidden = !similar.hidden;
      similarToggle.setAttribute('aria-expanded', String(!similar.hidden));
      if (!similar.hidden) prefix.focus();
    }, 'secondary');
    similarToggle.setAttribute('aria-expanded', 'false');
    const row = el('div', undefined, 'row');
    row.append(once, session, similarToggle);
    const denyRow = el('div', undefined, 'row');
    denyRow.append(deny, note);
    actions.append(row, similar, denyRow);
  }
  card.append(...parts, actions);
  return { card, countdown };
}

function tick(): void {
  const now = Date.now() + clockOffset;
  for (const { request, countdown } of cards.values()) {
    if (request.coolingUntil !== undefined) {
      const wait = Math.max(0, request.coolingUntil - now);
      countdown.textContent = `Released in ${formatCountdown(wait)} unless you cancel.`;
      countdown.classList.add('urgent');
      continue;
    }
    const left = request.expiresAt - now;
    countdown.textContent = left > 0 ? `Denied automatically in ${formatCountdown(left)} unless you decide.` : 'Timed out: denied.';
    countdown.classList.toggle('urgent', left < 30_000);
  }
}

function renderPending(requests: readonly PendingCard[], now: number): void {
  clockOffset = now - Date.now();
  const ids = new Set(requests.map((r) => r.id));
  for (const [id, c] of cards) if (!ids.has(id)) { c.card.remove(); cards.delete(id); }
  // Existing cards are kept as they are, so typing in one is never lost when another arrives.
  for (const r of requests) {
    const existing = cards.get(r.id);
    if (existing) {
      // The snapshot plan arrives after the card: add it without rebuilding what the human typed.
      if (r.snapshot && !existing.request.snapshot) {
        existing.countdown.before(el('p', `Snapshot before it runs: ${r.snapshot}`, 'snapshot'));
        existing.request = r;
      }
      continue;
    }
    const { card, countdown } = pendingCardElement(r);
    cards.set(r.id, { card, request: r, countdown });
  }
  const heading = requests.length ? el('h2', `Waiting for you (${requests.length})`) : undefined;
  burstLine.textContent = requests.length >= BURST
    ? `Warning: ${requests.length} requests are waiting at once. A burst of risky requests is itself a warning sign — the agent may be looping or acting on injected instructions. Review each one; deny if unsure.`
    : '';
  pendingBox.replaceChildren(...(heading ? [heading] : []), ...(burstLine.textContent ? [burstLine] : []), ...requests.map((r) => cards.get(r.id)!.card));
  tick();
}

setInterval(tick, 1000);

// ── policy changes waiting ───────────────────────────────────────────────────────────────────────

/** The held-back workspace policy: its entries, "Show diff" and "Accept" (which sends only the text's hash). */
function renderPolicyReview(r: PolicyReview | null): void {
  if (!r) {
    policyBox.hidden = true;
    policyBox.replaceChildren();
    return;
  }
  const card = el('article', undefined, 'card policy-card');
  card.setAttribute('aria-label', `Policy changes waiting: ${r.file} wants to loosen ${r.entries.length} entr${r.entries.length === 1 ? 'y' : 'ies'}`);
  const header = el('h2');
  header.append(icon('workspace-untrusted'), document.createTextNode(' Policy changes waiting'));
  const list = el('ul', undefined, 'policy-entries');
  for (const e of r.entries) list.append(el('li', e));
  const diff = button('Show diff', `Show the changes to ${r.file} against the last accepted policy`, () => vscode.postMessage({ type: 'showPolicyDiff' }), 'secondary', 'diff');
  const accept = button('Accept', `Accept ${r.file} as it is now (${r.entries.length} loosening entr${r.entries.length === 1 ? 'y' : 'ies'}); the acceptance is audited`, () => {
    accept.disabled = true;
    vscode.postMessage({ type: 'acceptPolicy', sha256: r.sha256 });
    // The extension answers with a new card (or none); if the file changed, this one is replaced.
    setTimeout(() => { if (accept.isConnected) accept.disabled = false; }, 3_000);
  }, undefined, 'check');
  const row = el('div', undefined, 'row');
  row.append(diff, accept);
  card.append(
    header,
    el('p', `${r.file} wants to loosen the defaults. Until you accept it, these entries are held back:`),
    list,
    el('p', 'A policy file inside the workspace can be written by an agent. Accept only changes you made or reviewed; any later edit is held back again.', 'detail'),
    row,
  );
  policyBox.replaceChildren(card);
  policyBox.hidden = false;
}

// ── history ──────────────────────────────────────────────────────────────────────────────────────

let historyEntries: readonly HistoryEntry[] = [];
const openEntries = new Set<number>();
const filter: { -readonly [K in keyof HistoryFilter]: string } = { risk: '', agent: '', action: '' };
const historyList = el('ul', undefined, 'history-list');
historyList.setAttribute('aria-label', 'Recent decisions, newest first');
const historyCount = el('p', undefined, 'detail history-count');
const verifyLine = el('p', undefined, 'verify-result');
verifyLine.setAttribute('role', 'status');
const selects = {
  risk: el('select'),
  agent: el('select'),
  action: el('select'),
} as const;
const FILTER_LABELS = { risk: 'Risk', agent: 'Agent', action: 'Decision' } as const;

function historyToolbar(): HTMLElement {
  const bar = el('div', undefined, 'history-filters');
  for (const key of ['risk', 'agent', 'action'] as const) {
    const label = el('label', `${FILTER_LABELS[key]} `);
    const sel = selects[key];
    sel.name = key;
    sel.setAttribute('aria-label', `Filter by ${FILTER_LABELS[key].toLowerCase()}`);
    sel.addEventListener('change', () => {
      filter[key] = sel.value;
      renderHistoryList();
    });
    label.append(sel);
    bar.append(label);
  }
  const verify = button('Verify audit log', 'Verify the audit log hash chain', () => {
    verifyLine.textContent = 'Verifying…';
    verifyLine.className = 'verify-result';
    vscode.postMessage({ type: 'verifyAudit' });
  }, 'secondary', 'verified');
  const exportButton = button('Export…', 'Export the audit log to CSV or Markdown', () => vscode.postMessage({ type: 'exportAudit' }), 'secondary', 'export');
  const actions = el('div', undefined, 'row');
  actions.append(verify, exportButton);
  const wrap = el('div', undefined, 'history-tools');
  wrap.append(bar, actions, verifyLine);
  return wrap;
}
const historyHeading = el('h2');
historyHeading.append(icon('history'), document.createTextNode('History'));
historyBox.append(historyHeading, historyToolbar(), historyCount, historyList);

function fillSelect(sel: HTMLSelectElement, values: readonly string[], current: string, allLabel: string): void {
  const opts = [el('option', allLabel), ...values.map((v) => el('option', v))];
  opts[0]!.value = '';
  values.forEach((v, i) => (opts[i + 1]!.value = v));
  sel.replaceChildren(...opts);
  sel.value = values.includes(current) ? current : '';
}

const localTime = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
};

function entryDetails(e: HistoryEntry): HTMLElement {
  const box = el('div', undefined, 'history-details');
  const field = (name: string, value: string) => {
    const p = el('p', undefined, 'detail');
    p.append(el('strong', `${name}: `), document.createTextNode(value));
    return p;
  };
  box.append(...commandBlock(e.command));
  if (e.summary) box.append(el('p', e.summary));
  const rules = el('ul', undefined, 'rules');
  for (const r of e.rules) rules.append(el('li', r));
  box.append(el('h3', 'Rules'), e.rules.length ? rules : el('p', 'none', 'detail'));
  box.append(
    field('Tags', e.tags.length ? e.tags.join(', ') : 'none'),
    field('Decision', `${e.action} by ${e.decidedBy}`),
    field('Reason', e.reason || '(none)'),
    field('Latency', e.latencyMs !== undefined ? `${e.latencyMs} ms` : 'unknown'),
    field('Request id', e.requestId || '(none)'),
    field('Session', e.session || '(none)'),
  );
  const o = e.outcome;
  box.append(field('Outcome', o
    ? `${localTime(o.time)}${o.exitCode !== undefined ? ` · exit ${o.exitCode === null ? 'unknown' : o.exitCode}` : ''}${o.note ? ` · ${o.note}` : ''}`
    : 'no outcome recorded'));
  const snap = e.snapshot;
  if (snap && e.requestId) {
    const size = snap.bytes >= 1024 * 1024 ? `${(snap.bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(snap.bytes / 1024)} KiB`;
    box.append(field('Snapshot', `${snap.files} file(s), ${size} kept before it ran${snap.complete ? '' : ' (incomplete: over the budget)'}`));
    const restore = button('Restore files', `Restore the ${snap.files} file(s) this command destroyed; newer files are not overwritten without asking`, () => vscode.postMessage({ type: 'restoreSnapshot', requestId: e.requestId }), undefined, 'history');
    box.append(restore);
  }
  return box;
}

function historyItem(e: HistoryEntry): HTMLLIElement {
  const li = el('li', undefined, 'history-entry');
  li.dataset.seq = String(e.seq);
  li.dataset.action = e.action;
  const row = el('div', undefined, 'history-row');
  row.tabIndex = 0;
  row.setAttribute('role', 'button');
  row.setAttribute('aria-label', `${e.risk} ${e.action} by ${e.decidedBy}, ${e.agent}, ${localTime(e.time)}: ${e.command.slice(0, 200)}`);
  const open = openEntries.has(e.seq);
  row.setAttribute('aria-expanded', String(open));
  row.append(
    el('span', localTime(e.time), 'history-time'),
    el('span', e.agent, 'history-agent'),
    badge(e.risk, (e.risk || '?').toUpperCase()),
    el('span', e.action, `history-action action-${e.action}`),
    el('span', `by ${e.decidedBy}`, 'history-by'),
  );
  const cmd = el('code', undefined, 'history-command');
  appendRevealed(cmd, e.command.length > 300 ? `${e.command.slice(0, 300)}…` : e.command);
  row.append(cmd);
  li.append(row);
  if (open) li.append(entryDetails(e));
  const toggle = () => {
    if (openEntries.delete(e.seq)) {
      li.querySelector('.history-details')?.remove();
      row.setAttribute('aria-expanded', 'false');
    } else {
      openEntries.add(e.seq);
      li.append(entryDetails(e));
      row.setAttribute('aria-expanded', 'true');
    }
  };
  row.addEventListener('click', toggle);
  row.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      toggle();
    }
  });
  return li;
}

function renderHistoryList(): void {
  const shown = filterHistory(historyEntries, filter);
  historyCount.textContent = historyEntries.length
    ? `${shown.length} of ${historyEntries.length} recent decision${historyEntries.length === 1 ? '' : 's'}`
    : 'No decisions recorded in this workspace yet.';
  historyList.replaceChildren(...shown.map(historyItem));
}

function renderHistory(entries: readonly HistoryEntry[]): void {
  historyEntries = entries;
  const options = filterOptions(entries);
  fillSelect(selects.risk, options.risk, filter.risk, 'All risks');
  fillSelect(selects.agent, options.agent, filter.agent, 'All agents');
  fillSelect(selects.action, options.action, filter.action, 'All decisions');
  filter.risk = selects.risk.value;
  filter.agent = selects.agent.value;
  filter.action = selects.action.value;
  renderHistoryList();
}

function renderVerify(r: VerifyResult): void {
  verifyLine.className = `verify-result ${r.state}`;
  verifyLine.textContent = r.state === 'intact'
    ? `Audit log intact: ${r.records} records${r.breaks ? `, ${r.breaks} recorded break(s)` : ''}.`
    : r.state === 'tampered'
      ? `Audit log TAMPERED at line ${r.line}: ${r.reason}`
      : `Cannot verify: ${r.reason}`;
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (m?.type === 'status') renderStatus(m.status);
  else if (m?.type === 'assessment') renderAssessment(m.assessment, m.decision);
  else if (m?.type === 'pending') renderPending(m.requests, m.now);
  else if (m?.type === 'history') renderHistory(m.entries);
  else if (m?.type === 'verifyResult') renderVerify(m.result);
  else if (m?.type === 'policyReview') renderPolicyReview(m.review);
});
vscode.postMessage({ type: 'ready' });
