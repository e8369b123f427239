/**
 * SQLiteBasics for RxDB's SQLite trial storage on better-sqlite3, so the trial runs in this
 * benchmark without installing node-sqlite3. Mirrors RxDB's own getSQLiteBasicsNode.
 */
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { SQLiteBasics, SQLiteQueryWithParams } from 'rxdb/plugins/storage-sqlite';

type Connection = InstanceType<typeof Database>;

function bindable(params: SQLiteQueryWithParams['params']): (string | number)[] {
  // better-sqlite3 cannot bind booleans; RxDB's trial expects them stored as 1/0.
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

export function betterSqliteBasics(directory: string): SQLiteBasics<Connection> {
  mkdirSync(directory, { recursive: true });
  return {
    open: (name) => Promise.resolve(new Database(name === ':memory:' ? name : `${directory}/${name}`)),
    all: (db, q) => {
      // The trial also sends writes through all(); better-sqlite3 only lets readers return rows.
      const statement = db.prepare(q.query);
      if (!statement.reader) {
        statement.run(...bindable(q.params));
        return Promise.resolve([]);
      }
      // Rows are plain objects with a data column, the shape RxDB reads as SQLResultRow.
      return Promise.resolve(statement.all(...bindable(q.params)) as never[]);
    },
    run: (db, q) => {
      db.prepare(q.query).run(...bindable(q.params));
      return Promise.resolve();
    },
    setPragma: (db, key, value) => {
      db.pragma(`${key} = ${value}`);
      return Promise.resolve();
    },
    close: (db) => {
      db.close();
      return Promise.resolve();
    },
    journalMode: 'WAL',
  };
}
