// Opens the configured database and brings its schema up to date.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerConfig } from '../config.js';
import { openPglite, openPostgres, type Database } from './database.js';
import { migrate } from './migrate.js';

type DatabaseConfig = Pick<ServerConfig, 'databaseUrl' | 'dataDir' | 'dbPoolSize'> &
  Partial<Pick<ServerConfig, 'dbConnectionTimeoutMs' | 'dbStatementTimeoutMs'>>;

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  let db: Database;
  if (config.databaseUrl) {
    db = openPostgres({
      url: config.databaseUrl,
      poolSize: config.dbPoolSize,
      connectionTimeoutMs: config.dbConnectionTimeoutMs,
      statementTimeoutMs: config.dbStatementTimeoutMs,
    });
  }
  else {
    const release = await lockDataDir(config.dataDir);
    const embedded = await openPglite(config.dataDir).catch(async (error) => {
      await release();
      throw error;
    });
    db = { ...embedded, close: () => embedded.close().finally(release) };
  }
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * Embedded PostgreSQL has no server process to arbitrate: two processes opening one data dir would
 * corrupt it. A pid file keeps it to one; a stale one (its process gone) is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'boardroom-server.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (pid && pid !== process.pid && isRunning(pid)) {
        throw new Error(
          `another process (pid ${pid}) is using the embedded database in ${dataDir}: stop it first, or set DATABASE_URL to run several processes on PostgreSQL`,
          { cause: error },
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
