// A gate server in its own process for the hook benchmark: allows everything, says "ready" once.
import { startGateServer } from '../../src/node/gate-server.js';

void startGateServer({ decide: async () => ({ action: 'allow', userMessage: 'low risk', agentMessage: '' }) }, [process.argv[2]!]).then(() => {
  process.stdout.write('ready\n');
});
