// The single list of command ids. package.json must declare exactly these (checked by scripts/check-commands.mjs).
export const COMMANDS = {
  assessCommand: 'airlock.assessCommand',
  showPanel: 'airlock.showPanel',
  installHooks: 'airlock.installHooks',
  removeHooks: 'airlock.removeHooks',
  showStatus: 'airlock.showStatus',
  verifyAudit: 'airlock.verifyAudit',
  exportAudit: 'airlock.exportAudit',
  reviewPolicy: 'airlock.reviewPolicy',
  resumeSessions: 'airlock.resumeSessions',
} as const;

export const VIEW_ID = 'airlock.panel';
