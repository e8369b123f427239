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
  `
  -- Offices and users, cached by every server process (services/reference.ts): any change to them bumps this
  -- counter in the same transaction, and each request reads it with its device check.
  CREATE TABLE reference_version (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version bigint NOT NULL
  );
  INSERT INTO reference_version (version) VALUES (0);
  CREATE FUNCTION bump_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE reference_version SET version = version + 1;
    RETURN NULL;
  END $$;
  -- Row triggers with a WHEN clause: the pushes of case documents never run the function.
  CREATE TRIGGER docs_reference_written AFTER INSERT OR UPDATE ON docs FOR EACH ROW
    WHEN (NEW.collection IN ('offices', 'users')) EXECUTE FUNCTION bump_reference_version();
  CREATE TRIGGER docs_reference_deleted AFTER DELETE ON docs FOR EACH ROW
    WHEN (OLD.collection IN ('offices', 'users')) EXECUTE FUNCTION bump_reference_version();
  `,
  `
  -- Round trips cost a loaded server more than the work in them: these functions take locks and then run the
  -- statements that must follow them, in one call. A VOLATILE function's every statement takes a new snapshot,
  -- so what runs after a lock sees everything committed before the lock was granted.

  -- A push's locks (sorted: every writer takes them in one order) and then its read (services/push-store.ts):
  -- the query gets the arguments as one jsonb, $1, and returns one jsonb value.
  CREATE FUNCTION locked_read(keys text[], query text, args jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    result jsonb;
  BEGIN
    PERFORM count(pg_advisory_xact_lock(hashtext(k))) FROM (SELECT k FROM unnest(keys) AS k ORDER BY k) AS sorted;
    EXECUTE query INTO result USING args;
    RETURN result;
  END $$;

  -- One sequencing round of services/feed.ts, run as its own statement: the advisory lock is held until the
  -- statement's transaction commits, so feed order is commit order.
  CREATE FUNCTION sequence_feeds(lock_key text, channel text) RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE
    notified bigint;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(lock_key));
    WITH taken AS (DELETE FROM feed_pending RETURNING office_id, collection, doc_id),
    drawn AS (SELECT nextval('feed_seq') AS seq),
    appended AS (
      INSERT INTO feed (office_id, collection, doc_id, seq)
      SELECT DISTINCT t.office_id, t.collection, t.doc_id, drawn.seq FROM taken t, drawn
      ON CONFLICT (office_id, collection, doc_id) DO UPDATE SET seq = excluded.seq
      RETURNING office_id, collection
    )
    SELECT count(pg_notify(channel, json_build_object('collection', collection, 'officeIds', offices)::text)) INTO notified
    FROM (SELECT collection, json_agg(DISTINCT office_id) AS offices FROM appended GROUP BY collection) AS grown;
    RETURN notified;
  END $$;
  `,
  `
  -- When a user was disabled: their acts recorded offline before it are kept, later ones are
  -- refused, and the desks they enrolled get no new tokens. Users disabled before this migration count from
  -- their document's last change, which the disabling wrote.
  ALTER TABLE credentials ADD COLUMN disabled_at timestamptz;
  UPDATE credentials c SET disabled_at = (d.body->>'updatedAt')::timestamptz
  FROM docs d WHERE d.collection = 'users' AND d.id = c.user_id AND (d.body->>'disabled')::boolean;

  -- Why a device was revoked ('admin', 'refresh-replayed'), so its desk is told the right thing.
  ALTER TABLE devices ADD COLUMN revoked_reason text;
  -- Refresh tokens already rotated away: one presented again was copied, and revokes its device.
  CREATE TABLE spent_refresh_tokens (
    hash text PRIMARY KEY,
    device_id text NOT NULL,
    spent_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX spent_refresh_tokens_device ON spent_refresh_tokens (device_id);

  -- Login attempts not (yet) successful, shared by every server process: the rate limit counts them per
  -- login and per address within a window, and rows older than the window are pruned.
  CREATE TABLE login_failures (
    id bigserial PRIMARY KEY,
    login text NOT NULL,
    address text NOT NULL,
    at timestamptz NOT NULL
  );
  CREATE INDEX login_failures_login ON login_failures (login, at);
  CREATE INDEX login_failures_address ON login_failures (address, at);
  CREATE INDEX login_failures_at ON login_failures (at);
  `,
  `
  -- A desk clock years off (1970, 9999) is a drift of more milliseconds than an integer holds.
  ALTER TABLE devices ALTER COLUMN clock_drift_ms TYPE bigint;
  `,
  `
  -- The refresh token rotated away whose successor has not been used yet: presented again, it is
  -- a retry after a lost answer, answered with fresh tokens; once the successor is used it is spent like any other.
  ALTER TABLE devices ADD COLUMN previous_refresh_hash text;
  `,
];

const MIGRATION_LOCK = 7_314_001;

export async function migrate(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = Number(rows[0]?.v ?? 0);
    for (let version = current + 1; version <= migrations.length; version++) {
      await tx.exec(migrations[version - 1] ?? '');
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }
    return migrations.length - current;
  });
}
