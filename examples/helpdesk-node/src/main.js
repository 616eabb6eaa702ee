#!/usr/bin/env node
// Starts the helpdesk with the settings of the environment (see README.md); Ctrl-C stops it.
import { Helpdesk, settingsFromEnvironment } from './helpdesk.js';

const helpdesk = new Helpdesk(settingsFromEnvironment());
const stop = async () => {
  await helpdesk.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
helpdesk.start().catch((error) => {
  console.error(`helpdesk: could not start: ${error.message}`);
  process.exit(1);
});
