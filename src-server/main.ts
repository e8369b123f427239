import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { proposableActs } from '#shared/domain/act-payloads';
import type { ProposableAct } from '#shared/domain/case-types';
import { officeKinds, roles, type OfficeKind, type Role } from '#shared/domain/codes';
import { createServer } from './app';
import { openDatabase, type Database } from './db/database';
import { migrate } from './db/migrations';
import { calendarMessages, describeCalendarProblem } from '#shared/messages/zh-CN';
import {
  addOffice,
  addUser,
  changePassword,
  disableUser,
  listDevices,
  revokeDevice,
  seedDemoCounty,
  setApprovalActs,
  setPassword,
} from './services/admin';
import { addCalendarYear, CalendarFileRefused, listCalendarYears } from './services/calendar-admin';

/**
 * `npm run server` starts the county server: PostgreSQL when DATABASE_URL is set, otherwise PGlite in DATA_DIR
 * (default ./data/server). Pages of other origins may call it only when listed (CORS, none by default):
 * `npm run server -- --cors-origin https://a.example --cors-origin …` or CORS_ORIGINS=https://a.example,… .
 * `npm run server -- admin <command>` manages offices, users and devices:
 *   admin demo                                             the demo county (password demo1234)
 *   admin office-add --id --code --name --kind --parent
 *   admin user-add --login --name --office --roles handler,approver --password
 *   admin password --login --password [--old-password]    (with the old one: the signing key is kept)
 *   admin user-disable --login
 *   admin device-list | admin device-revoke --id
 *   admin calendar-add --year 2027 --file 2027.txt        a year's 放假安排 for every desk (README.md)
 *   admin calendar-list                                    the years the desks' holiday calendar covers
 *   admin approval-set --office ID --acts reject,close     acts recorded as 报批 (第三十四条); none | inherit
 */
async function main(argv: string[]): Promise<void> {
  const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? './data/server' });
  if (argv[0] === 'admin') {
    try {
      await migrate(db);
      console.log(JSON.stringify(await admin(db, argv.slice(1)), null, 2));
    } finally {
      await db.close();
    }
    return;
  }
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const server = await createServer({ db, logger, corsOrigins: corsOrigins(argv) });
  await server.app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8787) });
  const stop = async () => {
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function admin(db: Database, args: string[]): Promise<unknown> {
  const [command, ...rest] = args;
  const { values: v } = parseArgs({
    args: rest,
    options: Object.fromEntries(
      [
        'id',
        'code',
        'name',
        'kind',
        'parent',
        'login',
        'office',
        'roles',
        'password',
        'old-password',
        'year',
        'file',
        'acts',
      ].map((k) => [k, { type: 'string' as const }]),
    ),
  });
  const need = (key: string): string => {
    const value = v[key];
    if (typeof value !== 'string' || value === '') throw new Error(`missing --${key}`);
    return value;
  };
  switch (command) {
    case 'demo':
      return { seeded: await seedDemoCounty(db) };
    case 'office-add': {
      const kind = need('kind');
      if (!(officeKinds as readonly string[]).includes(kind))
        throw new Error(`--kind must be one of ${officeKinds.join(', ')}`);
      return addOffice(db, {
        id: need('id'),
        code: need('code'),
        name: need('name'),
        kind: kind as OfficeKind,
        parentId: typeof v.parent === 'string' ? v.parent : '',
      }); // checked just above
    }
    case 'user-add': {
      const list = need('roles').split(',');
      if (!list.every((r) => (roles as readonly string[]).includes(r)))
        throw new Error(`--roles must be among ${roles.join(', ')}`);
      const user = await addUser(db, {
        login: need('login'),
        name: need('name'),
        officeId: need('office'),
        roles: list as Role[],
        password: need('password'),
      }); // checked just above
      return { ...user, verifier: '(scrypt)', wrappedKey: '(wrapped)' };
    }
    case 'password':
      // With the old password the signing key is re-wrapped (kept); without it, a reset makes a new one.
      if (typeof v['old-password'] === 'string')
        await changePassword(db, need('login'), v['old-password'], need('password'));
      else await setPassword(db, need('login'), need('password'));
      return { changed: need('login') };
    case 'user-disable':
      await disableUser(db, need('login'));
      return { disabled: need('login') };
    case 'device-list':
      return listDevices(db);
    case 'device-revoke':
      return { revoked: await revokeDevice(db, need('id')) };
    case 'calendar-add':
      return addCalendarYear(db, Number(need('year')), readText(need('file')));
    case 'calendar-list':
      return listCalendarYears(db);
    case 'approval-set':
      return setApprovalActs(db, need('office'), approvalActsArg(need('acts')));
    default:
      throw new Error(
        'usage: admin demo | office-add | user-add | password | user-disable | device-list | device-revoke | calendar-add | calendar-list | approval-set',
      );
  }
}

/** `--acts reject,close`, `--acts none` (no approval at all) or `--acts inherit` (as the office above). */
function approvalActsArg(text: string): ProposableAct[] | undefined {
  if (text === 'inherit') return undefined;
  const list = text === 'none' ? [] : text.split(',');
  if (!list.every((a) => (proposableActs as readonly string[]).includes(a)))
    throw new Error(`--acts must be none, inherit or among ${proposableActs.join(', ')}`);
  return list as ProposableAct[]; // checked just above
}

/** The origins allowed by CORS: every `--cors-origin` and every entry of CORS_ORIGINS (comma-separated). */
function corsOrigins(argv: string[]): string[] {
  const { values } = parseArgs({ args: argv, options: { 'cors-origin': { type: 'string', multiple: true } } });
  const fromEnv = (process.env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim());
  return [...(values['cors-origin'] ?? []), ...fromEnv].filter(Boolean);
}

/** A text file as UTF-8; bytes that are not UTF-8 become U+FFFD, which the calendar check reports as such. */
function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new Error(calendarMessages.fileUnreadable(path));
  }
  return new TextDecoder('utf-8').decode(bytes);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CalendarFileRefused) {
    console.error(
      [
        calendarMessages.refused(error.year, error.problems.length),
        ...error.problems.map(describeCalendarProblem),
      ].join('\n'),
    );
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
