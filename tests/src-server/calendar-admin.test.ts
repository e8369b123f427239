import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { calendarMessages, calendarProblemText } from '#shared/messages/zh-CN';
import type { CalendarDoc } from '#shared/domain/documents';
import { openDatabase } from '../../src-server/db/database';
import { addCalendarYear, CalendarFileRefused, listCalendarYears } from '../../src-server/services/calendar-admin';
import { EXAMPLE_2027 } from '../shared/domain/holiday-notices';
import { seededServerPerSuite, type Backend, type Client, type RunningServer } from './support';

/**
 * `admin calendar-add` (放假办法 第二条、第六条、第七条: each year's 放假安排 is data the county loads): a checked file
 * becomes a `calendars` document every office pulls, a year loaded again replaces it, a bad file writes nothing.
 */
describe.each<Backend>(['pglite', 'pg'])('loading a year of holidays on %s', (backend) => {
  let s: RunningServer;
  let c: Client;
  seededServerPerSuite(backend, (server, api) => {
    s = server;
    c = api;
  });

  const calendars = async (token: string) =>
    (await c.pullAll(token, 'calendars')) as unknown as (CalendarDoc & { _deleted: boolean })[];

  it('放假办法 第二条 a loaded 2027 reaches every office, next to the years already there', async () => {
    const qs = await c.enrol('qs-reception');
    const jw = await c.enrol('jw-handler');
    const added = await addCalendarYear(s.db, 2027, EXAMPLE_2027, new Date('2026-11-20T02:00:00Z'));
    expect(added).toMatchObject({ year: 2027, version: 'county-2027.1', restDays: 18, workDays: 6 });
    expect(added.years.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
    for (const token of [qs.accessToken, jw.accessToken]) {
      const docs = await calendars(token);
      expect(docs.map((d) => d.id).sort()).toEqual(['calendar-2027', 'calendar-cn-2026.1']);
      expect(docs.find((d) => d.id === 'calendar-2027')).toMatchObject({
        coveredYears: [2027],
        version: 'county-2027.1',
        updatedAt: '2026-11-20T02:00:00.000Z',
        _deleted: false,
      });
      expect(docs.find((d) => d.id === 'calendar-2027')?.restDays).toContain('2027-02-05');
      expect(docs.find((d) => d.id === 'calendar-2027')?.workDays).toContain('2027-02-14');
    }
  });

  it('a year loaded again replaces that year only, with the next revision', async () => {
    const ls = await c.enrol('ls-reception');
    const corrected = EXAMPLE_2027.replace('休 2027-06-09 ', '休 2027-06-10 ');
    const added = await addCalendarYear(s.db, 2027, corrected, new Date('2026-11-25T02:00:00Z'));
    expect(added.version).toBe('county-2027.2');
    const docs = await calendars(ls.accessToken);
    const year2027 = docs.filter((d) => d.coveredYears.includes(2027));
    expect(year2027).toHaveLength(1);
    expect(year2027[0]).toMatchObject({ version: 'county-2027.2', updatedAt: '2026-11-25T02:00:00.000Z' });
    expect(year2027[0]?.restDays).toContain('2027-06-10');
    expect(year2027[0]?.restDays).not.toContain('2027-06-09');
    expect(docs.find((d) => d.id === 'calendar-cn-2026.1')?.coveredYears).toEqual([2024, 2025, 2026]);
  });

  it('a bad file is refused with every problem and writes nothing', async () => {
    const bad = `${EXAMPLE_2027}休 2027-02-30\n班 2027-06-08\n`;
    const refused = await addCalendarYear(s.db, 2027, bad).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CalendarFileRefused);
    expect((refused as CalendarFileRefused).problems.map((p) => [p.code, p.line])).toEqual([
      ['not-a-date', 15],
      ['work-on-weekday', 16],
    ]);
    await expect(addCalendarYear(s.db, 2028, EXAMPLE_2027)).rejects.toBeInstanceOf(CalendarFileRefused);
    const years = await listCalendarYears(s.db);
    expect(years.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
    expect(years.at(-1)).toMatchObject({ source: 'county', version: 'county-2027.2' });
  });
});

describe('npm run server -- admin calendar-add (the command a county administrator runs)', { timeout: 120_000 }, () => {
  const run = promisify(execFile);
  const root = join(import.meta.dirname, '..', '..');

  it('refuses a bad file in Chinese with the codes and a non-zero exit, then loads the good one', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'xinfang-calendar-cli-'));
    try {
      writeFileSync(join(folder, 'bad.txt'), `${EXAMPLE_2027}休 2027-02-30\n`);
      writeFileSync(join(folder, '2027.txt'), EXAMPLE_2027);
      const env = { ...process.env, DATA_DIR: join(folder, 'data'), DATABASE_URL: '' };
      const cli = (file: string) =>
        run(
          process.execPath,
          [
            '--import',
            'tsx',
            'src-server/main.ts',
            'admin',
            'calendar-add',
            '--year',
            '2027',
            '--file',
            join(folder, file),
          ],
          { cwd: root, env },
        );

      const failed = await cli('bad.txt').then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain(calendarMessages.refused(2027, 1));
      expect(failed?.stderr).toContain(`第 15 行 2027-02-30：${calendarProblemText['not-a-date']} [not-a-date]`);

      const { stdout } = await cli('2027.txt');
      expect(JSON.parse(stdout)).toMatchObject({ year: 2027, version: 'county-2027.1' });
      const db = await openDatabase({ dataDir: join(folder, 'data') });
      try {
        expect((await listCalendarYears(db)).map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
