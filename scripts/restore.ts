// `npm run restore -- --in FILE`: recreates the embedded database from a backup file in DATA_DIR, which
// must be empty or missing. See the README's "Backups" section.
import { restoreDataDir } from '../server/backup';
import { loadConfig } from '../server/config';
import { refuseExternalDatabase, requiredOption, run } from './backup-cli';

const config = loadConfig();
refuseExternalDatabase(config, 'mongorestore');
const file = requiredOption('--in', 'npm run restore -- --in FILE');
await run('The restore', async () => {
  const { tables, rows } = await restoreDataDir(file, config.DATA_DIR, (line) => console.error(line));
  return `Restored ${rows.toLocaleString('en')} rows of ${tables} tables into ${config.DATA_DIR}`;
});
