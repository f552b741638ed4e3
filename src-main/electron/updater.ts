// electron-updater glue: checks once per start when a real feed is packaged; never throws.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app } from 'electron';
import { decideUpdateCheck } from './update-policy.js';

export async function checkForUpdates(): Promise<void> {
  try {
    const appUpdateYml = app.isPackaged
      ? await readFile(join(process.resourcesPath, 'app-update.yml'), 'utf8').catch(() => null)
      : null;
    const decision = decideUpdateCheck({ isPackaged: app.isPackaged, appUpdateYml });
    if (!decision.check) {
      console.info(`Updates: not checking (${decision.reason}).`);
      return;
    }
    // electron-updater is CommonJS and defines autoUpdater as a lazy getter, which ES-module named
    // imports cannot see: take it from the default export. Imported late so dev runs never load it.
    const { autoUpdater } = (await import('electron-updater')).default;
    autoUpdater.logger = console;
    autoUpdater.on('error', (error) => console.error('Updates: the update check failed:', error));
    await autoUpdater.checkForUpdatesAndNotify();
  } catch (error) {
    console.error('Updates: the update check failed:', error);
  }
}
