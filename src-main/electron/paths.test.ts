import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths } from './paths.js';

describe('resolveAppPaths', () => {
  it('uses the repo in dev', () => {
    const repo = join('/', 'work', 'main');
    expect(
      resolveAppPaths({ isPackaged: false, mainDir: join(repo, 'out', 'main'), appPath: repo, resourcesPath: '/ignored' }),
    ).toEqual({
      rendererDir: join(repo, 'out', 'renderer'),
      preloadPath: join(repo, 'out', 'preload', 'index.cjs'),
      migrationsDir: join(repo, 'drizzle', 'local'),
    });
  });

  it('reads migrations from resources when packaged (they are not in app.asar)', () => {
    const resources = join('/', 'opt', 'Boardroom', 'resources');
    const asar = join(resources, 'app.asar');
    expect(
      resolveAppPaths({ isPackaged: true, mainDir: join(asar, 'out', 'main'), appPath: asar, resourcesPath: resources }),
    ).toEqual({
      rendererDir: join(asar, 'out', 'renderer'),
      preloadPath: join(asar, 'out', 'preload', 'index.cjs'),
      migrationsDir: join(resources, 'drizzle', 'local'),
    });
  });
});
