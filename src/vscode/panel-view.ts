// The Airlock sidebar webview: strict CSP with a per-load nonce, built assets only, and a ready
// handshake before anything is posted. Incoming messages go through parseFromWebview.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { assertNever, parseFromWebview, type ToWebview } from '../protocol/webview.js';

export class PanelView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly queue: ToWebview[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onAssess: (command: string) => void,
    private readonly onReady: () => void,
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
            for (const m of this.queue.splice(0)) void view.webview.postMessage(m);
            return;
          case 'assess':
            this.onAssess(msg.command);
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
    if (this.view && this.ready) void this.view.webview.postMessage(message);
    else this.queue.splice(0, this.queue.length, ...this.queue.filter((m) => m.type !== message.type), message);
  }

  reveal(): void {
    this.view?.show(true);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource}`, `font-src ${webview.cspSource}`].join('; ');
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Airlock</title></head>
<body><main id="airlock-root" aria-label="Airlock"></main>
<script nonce="${nonce}" src="${script}"></script></body></html>`;
  }
}
