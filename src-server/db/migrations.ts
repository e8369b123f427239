import type { Database } from './database';

/**
 * The schema, as numbered migrations run in order on PostgreSQL and on PGlite alike. Applied under an advisory
 * lock, so several server processes starting on one database apply each migration once. Never edit a shipped
 * migration: add the next one.
 */
export const migrations: readonly string[] = [
  `
  -- Every replicated document, in its latest state (the "master state" of RxDB's protocol).
  CREATE TABLE docs (
    collection text NOT NULL,
    id text NOT NULL,
    body jsonb NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    -- The office that created the document: write permission and private visibility start here.
    office_id text NOT NULL,
    -- The matter a case-bound document (event, 信访件) belongs to.
    case_id text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (collection, id)
  );
  CREATE INDEX docs_case ON docs (case_id, collection) WHERE case_id IS NOT NULL;

  -- One row per (office, collection, document) holding its latest sequence: a pull reads one office's feed
  -- after its checkpoint, and a document updated many times is sent once (design.md §3).
  CREATE SEQUENCE feed_seq;
  CREATE TABLE feed (
    office_id text NOT NULL,
    collection text NOT NULL,
    doc_id text NOT NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (office_id, collection, doc_id)
  );
  CREATE INDEX feed_pull ON feed (office_id, collection, seq, doc_id);

  -- Who may see each matter: grows with 转送/交办 and never shrinks; the accused offices never enter it.
  CREATE TABLE case_access (
    case_id text PRIMARY KEY,
    office_ids text[] NOT NULL DEFAULT '{}',
    accused_office_ids text[] NOT NULL DEFAULT '{}',
    registered boolean NOT NULL DEFAULT false
  );
  -- The 信访人 of each matter, so a matter made visible brings its petitioners along.
  CREATE TABLE case_petitioners (
    case_id text NOT NULL,
    petitioner_id text NOT NULL,
    PRIMARY KEY (case_id, petitioner_id)
  );
  CREATE INDEX case_petitioners_by_petitioner ON case_petitioners (petitioner_id);

  -- Server-side credentials: argon2id hashes never leave the server (the desk gets the scrypt verifier in users).
  CREATE TABLE credentials (
    user_id text PRIMARY KEY,
    login text NOT NULL UNIQUE,
    password_hash text NOT NULL
  );
  -- Enrolled desks; a revoked device is refused on every request (design.md §5).
  CREATE TABLE devices (
    id text PRIMARY KEY,
    user_id text NOT NULL,
    office_id text NOT NULL,
    name text NOT NULL,
    refresh_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz,
    clock_drift_ms integer,
    revoked_at timestamptz
  );
  -- Settings shared by every server process on this database (the token signing key).
  CREATE TABLE server_settings (key text PRIMARY KEY, value text NOT NULL);
  -- Every refused document, for the county's administrators.
  CREATE TABLE refusals (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    device_id text NOT NULL,
    office_id text NOT NULL,
    collection text NOT NULL,
    doc_id text NOT NULL,
    code text NOT NULL
  );
  `,
  `
  -- Feed rows of committed writes waiting for a sequencing round (services/feed.ts): writers never number feed
  -- rows themselves, so they hold no feed lock through their commit.
  CREATE TABLE feed_pending (
    office_id text NOT NULL,
    collection text NOT NULL,
    doc_id text NOT NULL
  );
  `,
];

const MIGRATION_LOCK = 7_314_001;

export async function migrate(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = Number(rows[0]?.v ?? 0);
    for (let version = current + 1; version <= migrations.length; version++) {
      await tx.exec(migrations[version - 1] ?? '');
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }
    return migrations.length - current;
  });
}
