// The Airlock sidebar webview: strict CSP with a per-load nonce, built assets only, and a ready
// handshake before anything is posted. Incoming messages go through parseFromWebview. The latest
// message of each type is kept and replayed whenever the webview (re)loads, e.g. after being hidden.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { assertNever, parseFromWebview, type DecideMessage, type ToWebview } from '../protocol/webview.js';

export class PanelView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly latest = new Map<ToWebview['type'], ToWebview>();
  private readonly disposables: vscode.Disposable[] = [];
  /** "Decide held request X", checked for shape only: the approver decides whether to accept it. */
  readonly onDidDecide = new vscode.EventEmitter<DecideMessage>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onAssess: (command: string) => void,
    private readonly onReady: () => void,
    /** The panel's audit buttons: fixed actions on the workspace audit file. */
    private readonly onAudit: (action: 'verifyAudit' | 'exportAudit' | { restore: string }) => void = () => undefined,
    /** The "Policy changes waiting" card: open its diff, or accept the text with this hash. */
    private readonly onPolicy: (msg: { type: 'showPolicyDiff' } | { type: 'acceptPolicy'; sha256: string }) => void = () => undefined,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    view.webview.html = this.html(view.webview);
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseFromWebview(raw);
        if (!msg) return;
        switch (msg.type) {
          case 'ready':
            this.ready = true;
            this.onReady();
            for (const m of this.latest.values()) void view.webview.postMessage(m);
            return;
          case 'assess':
            this.onAssess(msg.command);
            return;
          case 'decide':
            this.onDidDecide.fire(msg);
            return;
          case 'restoreSnapshot':
            this.onAudit({ restore: msg.requestId });
            break;
          case 'verifyAudit':
          case 'exportAudit':
            this.onAudit(msg.type);
            return;
          case 'showPolicyDiff':
          case 'acceptPolicy':
            this.onPolicy(msg);
            return;
          default:
            assertNever(msg);
        }
      }),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
      }),
    );
  }

  post(message: ToWebview): void {
    this.latest.set(message.type, message);
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  /** Shows the view without taking focus; false when it has never been opened (the editor must open it). */
  reveal(): boolean {
    this.view?.show(true);
    return this.view !== undefined;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDidDecide.dispose();
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css'));
    const codicons = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'codicon.css'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource}`, `font-src ${webview.cspSource}`].join('; ');
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${codicons}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${style}">
<title>Airlock</title></head>
<body><main id="airlock-root" aria-label="Airlock"></main>
<script nonce="${nonce}" src="${script}"></script></body></html>`;
  }
}
