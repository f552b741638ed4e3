// Where the built app finds its pieces, in dev and when packaged. Pure, so both layouts are tested.
import { join } from 'node:path';

export interface AppPaths {
  /** Built renderer (out/renderer), served over app://. Inside app.asar when packaged. */
  rendererDir: string;
  /** Built preload, CommonJS because sandboxed preloads cannot be ES modules. */
  preloadPath: string;
  /** SQLite migrations: the repo's drizzle/local in dev, an extraResource when packaged. */
  migrationsDir: string;
}

export function resolveAppPaths(input: {
  isPackaged: boolean;
  /** Folder of the built main bundle (out/main). */
  mainDir: string;
  /** `app.getAppPath()`: the repo root in dev. */
  appPath: string;
  /** `process.resourcesPath`: where extraResources land when packaged. */
  resourcesPath: string;
}): AppPaths {
  return {
    rendererDir: join(input.mainDir, '..', 'renderer'),
    preloadPath: join(input.mainDir, '..', 'preload', 'index.cjs'),
    migrationsDir: input.isPackaged
      ? join(input.resourcesPath, 'drizzle', 'local')
      : join(input.appPath, 'drizzle', 'local'),
  };
}
