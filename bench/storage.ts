/**
 * Storage benchmark (npm run bench:storage): RxDB's runPerformanceTests on our SQLite storage, RxDB's
 * memory storage, the SQLite trial and Dexie over fake-indexeddb, printed as ratios to memory; then
 * 100,000 documents: event-loop blocking while loading, and queries as ratios to raw better-sqlite3.
 * Prints tables; never fails on numbers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageSQLiteTrial } from 'rxdb/plugins/storage-sqlite';
import { runPerformanceTests } from 'rxdb/plugins/test-utils';
import type { PerformanceTestResult } from 'rxdb/plugins/test-utils';
import { getRxStorageSQLite } from '../src-main/storage-sqlite/index';
import { loadWithDelayMonitor, rawTable, SCALE_DOCS, scaleDocuments, scaleQueries } from './storage-scale';
import { betterSqliteBasics } from './storage-trial-basics';
import { deskHostRows, deskHostSection } from './storage-desk-host';

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
/** What RxDB publishes for its paid SQLite storage in Node, as multiples of memory. */
const PAID_SQLITE_TARGETS: Record<string, number> = {
  'insert-documents': 28,
  'find-by-ids': 4.9,
  'serial-inserts': 7,
  'find-by-query': 7,
  '4x-count': 7,
};

const root = mkdtempSync(path.join(os.tmpdir(), 'bench-storage-'));
const dir = (name: string) => path.join(root, name);

async function perf(storage: RxStorage<unknown, unknown>, label: string, docsAmount: number, runs = RUNS) {
  process.stdout.write(`running ${label} (${docsAmount} docs, ${runs} runs)…\n`);
  return runPerformanceTests(storage, label, { docsAmount, runs, log: false, waitBetweenTests: 20 });
}

function metricKeys(result: PerformanceTestResult): string[] {
  return Object.keys(result).filter(
    (k) => typeof result[k] === 'number' && !['collectionsAmount', 'docsAmount'].includes(k),
  );
}

function ratioTable(baseline: PerformanceTestResult, others: PerformanceTestResult[]): string {
  const keys = metricKeys(baseline);
  const header = ['metric', `memory ms`, ...others.map((o) => `${o.description} ×`), 'paid SQLite ×'];
  const rows = keys.map((k) => {
    const base = Number(baseline[k]);
    const ratios = others.map((o) => {
      const value = Number(o[k]);
      return Number.isFinite(value) ? `${(value / base).toFixed(2)} (${value.toFixed(1)} ms)` : 'n/a';
    });
    // Metric names end in the document count (insert-documents-500); the targets do not.
    const target = PAID_SQLITE_TARGETS[k.replace(/-\d+$/, '')];
    return [k, base.toFixed(2), ...ratios, target ? `≤ ${target}` : ''];
  });
  return formatTable([header, ...rows]);
}

function formatTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length))) ?? [];
  return rows.map((r) => '| ' + r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ') + ' |').join('\n');
}

async function runPerformanceSection(): Promise<void> {
  const memory = await perf(getRxStorageMemory(), 'memory', 3000);
  const inProcess = await perf(getRxStorageSQLite({ databaseDirectory: dir('in-process') }), 'ours (in-process)', 3000);
  // The same storage with its parse memo off: every read parses (the cold path).
  const cold = await perf(
    getRxStorageSQLite({ databaseDirectory: dir('in-process-cold'), documentCacheChars: 0 }),
    'in-process, no memo',
    3000,
  );
  const dexie = await perf(
    getRxStorageDexie({ indexedDB, IDBKeyRange }),
    'dexie+fake-indexeddb',
    3000,
    Math.min(RUNS, 4),
  );
  console.log('\n## runPerformanceTests, 3000 documents, 4 collections: ratio to memory (lower is better)\n');
  console.log(ratioTable(memory, [inProcess, cold, dexie]));

  // The trial throws past 500 documents per collection (SQL2), so it gets its own small run.
  const smallMemory = await perf(getRxStorageMemory(), 'memory', 300);
  const trial = await perf(
    getRxStorageSQLiteTrial({ sqliteBasics: betterSqliteBasics(dir('trial-files')) }),
    'sqlite trial',
    300,
  );
  const smallOurs = await perf(getRxStorageSQLite({ databaseDirectory: dir('small') }), 'ours (in-process)', 300);
  console.log("\n## runPerformanceTests, 300 documents (the trial's limit): ratio to memory\n");
  console.log(ratioTable(smallMemory, [smallOurs, trial]));
}

async function runScaleSection(): Promise<void> {
  const docs = scaleDocuments();
  console.log(`\n## ${SCALE_DOCS.toLocaleString('en')} documents, one collection\n`);
  const loads = [
    { label: 'in-process', storage: getRxStorageSQLite({ databaseDirectory: dir('scale-in') }) },
    // Repeated queries hit the parse memo; this one shows the cold path.
    {
      label: 'in-process no memo',
      storage: getRxStorageSQLite({ databaseDirectory: dir('scale-cold'), documentCacheChars: 0 }),
    },
  ];
  const loaded = [];
  const loadRows = [['thread', 'load 100k (5,000 per bulkWrite) s', 'max event-loop delay ms', 'p99 delay ms']];
  for (const { label, storage } of loads) {
    const result = await loadWithDelayMonitor(storage, docs);
    loaded.push({ label, instance: result.instance });
    loadRows.push([label, result.seconds.toFixed(2), result.maxDelayMs.toFixed(1), result.p99DelayMs.toFixed(1)]);
  }
  console.log(formatTable(loadRows));
  const raw = rawTable(root, docs);
  const queryRows = [['operation', 'raw better-sqlite3 ms', ...loaded.map((l) => `ours ${l.label} ms (×raw)`)]];
  const results: Awaited<ReturnType<typeof scaleQueries>>[] = [];
  for (const { instance } of loaded) results.push(await scaleQueries(instance, raw, docs));
  results[0]?.forEach((row, i) => {
    queryRows.push([
      row.operation,
      row.rawMs.toFixed(3),
      ...results.map(
        (r) => `${(r[i]?.storageMs ?? NaN).toFixed(3)} (${((r[i]?.storageMs ?? NaN) / row.rawMs).toFixed(2)}×)`,
      ),
    ]);
  });
  console.log('\n' + formatTable(queryRows));
  raw.close();
  for (const { instance } of loaded) await instance.remove();
}

/**
 * The Electron main process hosts the whole desk core in a worker (src-main/desk-host). Run after the
 * scale section has returned, so its 100k documents are garbage, not live heap the main thread's GC
 * must mark while the event loop is being measured.
 */
async function runDeskHostSection(): Promise<void> {
  const host = await deskHostSection(root, SCALE_DOCS);
  console.log(
    `\n## The desk core in a worker thread (src-main/desk-host), ${SCALE_DOCS.toLocaleString('en')} petitioners loaded through it\n`,
  );
  console.log(formatTable(deskHostRows(host)));
}

try {
  await runPerformanceSection();
  await runScaleSection();
  await runDeskHostSection();
} finally {
  rmSync(root, { recursive: true, force: true });
}
