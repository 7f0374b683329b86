// `npm run backup -- --out FILE`: a consistent snapshot of the embedded database under DATA_DIR, taken
// while the server runs (or with it stopped). See the README's "Backups" section.
import { backupDataDir } from '../server/backup';
import { loadConfig } from '../server/config';
import { refuseExternalDatabase, requiredOption, run } from './backup-cli';

const config = loadConfig();
refuseExternalDatabase(config, 'mongodump');
const file = requiredOption('--out', 'npm run backup -- --out FILE');
await run('The backup', async () => {
  const { tables, rows } = await backupDataDir(config.DATA_DIR, file, (line) => console.error(line));
  return `Backed up ${rows.toLocaleString('en')} rows of ${tables} tables to ${file}`;
});
