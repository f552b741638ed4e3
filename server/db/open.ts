// Opens the configured database and brings its schema up to date.
import type { ServerConfig } from '../config.js';
import { openPglite, openPostgres, type Database } from './database.js';
import { migrate } from './migrate.js';

export async function openDatabase(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir' | 'dbPoolSize'>): Promise<Database> {
  const db = config.databaseUrl
    ? openPostgres({ url: config.databaseUrl, poolSize: config.dbPoolSize })
    : await openPglite(config.dataDir);
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
