// `npm run seed:large -- --data-dir DIR [--meetings N]`: a workspace with a 100,000-meeting boardroom.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../src-main/app.js';
import { addLargeBoardroom } from './large-workspace.js';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, meetings: { type: 'string' } } });
if (!values['data-dir']) {
  console.error('usage: npm run seed:large -- --data-dir DIR [--meetings N]   (DIR must be new or empty)');
  process.exit(2);
}
const meetings = Number(values.meetings ?? 100_000);
if (!Number.isInteger(meetings) || meetings < 1 || meetings > 1_000_000) {
  console.error(`--meetings must be a whole number from 1 to 1,000,000 (got ${values.meetings})`);
  process.exit(2);
}
const dataDir = resolve(values['data-dir']);
const started = performance.now();
const core = openApp({ dataDir, migrationsDir: join(import.meta.dirname, '../drizzle/local'), log: () => {} });
const roomId = addLargeBoardroom(core, meetings, (done) => process.stdout.write(`\r${done.toLocaleString('en-GB')} / ${meetings.toLocaleString('en-GB')} meetings`));
core.close();
console.log(`\nSeeded ${meetings.toLocaleString('en-GB')} meetings into boardroom ${roomId} in ${dataDir} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
