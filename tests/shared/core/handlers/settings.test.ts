import { describe, expect, it } from 'vitest';
import { readSettings, writeSettings } from '#shared/core/handlers/settings';
import { openDesk } from '../desk-support';

describe('writeSettings', () => {
  it('stores the fields a patch defines over what is stored, and leaves the others', async () => {
    const { desk } = await openDesk();
    const before = await readSettings(desk.db);
    await writeSettings(desk.db, { dueSoonDays: 5 });
    await writeSettings(desk.db, { serverUrl: 'https://county.example', groupThreshold: undefined });
    expect(await readSettings(desk.db)).toEqual({ ...before, dueSoonDays: 5, serverUrl: 'https://county.example' });
  });

  it('keeps only what the desk owns: never the desk id, nor the county’s approval acts', async () => {
    const { desk } = await openDesk();
    await writeSettings(desk.db, { dueSoonDays: 7 });
    const stored = (await desk.db.getLocal('settings'))?.toJSON().data;
    expect(Object.keys(stored ?? {}).sort()).toEqual(['dueSoonDays', 'groupThreshold', 'serverUrl']);
  });
});
