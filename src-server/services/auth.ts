import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash as hashArgon2, verify as verifyArgon2 } from '@node-rs/argon2';
import { jwtVerify, SignJWT } from 'jose';
import type { UserDoc } from '#shared/domain/documents';
import type { AuthErrorCode, DeviceTokens, EnrolRequest } from '#shared/sync/protocol';
import type { Database, Sql } from '../db/database';
import { ACCESS_CHANNEL } from './notifier';

/**
 * Device enrolment and tokens (design.md §5): a user logs in with their password (argon2id, checked here only),
 * the desk is enrolled as a device of the user's office and gets a short-lived access token (a JWT signed with a
 * key every server process shares through the database) and a rotating refresh token (stored hashed). A revoked
 * device is refused on every request and its streams end. Logins are rate-limited per login and per client
 * address, in the database (LoginLimiter).
 */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    readonly status: number,
  ) {
    super(code);
  }
}

/** Who a device acts for: the user who enrolled it, their office, the device. */
export interface DeviceIdentity {
  readonly userId: string;
  readonly officeId: string;
  readonly deviceId: string;
}

/** A verified access token: its device, and when it expires (epoch ms), when an open stream must end. */
export interface TokenClaims extends DeviceIdentity {
  readonly expiresAt: number;
}

/** A request's verified token, and the `reference_version` its device check read. */
export interface Verified {
  readonly claims: TokenClaims;
  readonly referenceVersion: number;
}

export interface AuthOptions {
  readonly now?: () => Date;
  /** Lifetime of an access token; ten minutes unless a test needs tokens that expire while it watches. */
  readonly accessTokenSeconds?: number;
}

const ACCESS_TTL_S = 10 * 60;
const VERIFIED_LIMIT = 10_000;
/** A copied refresh token presented again within this time revokes its device; older spent tokens are forgotten. */
const SPENT_TOKEN_RETENTION = '30 days';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Why a device was revoked: by the county's administrator, or because one of its refresh tokens was replayed. */
export type RevokeReason = 'admin' | 'refresh-replayed';

/**
 * Revokes a device and announces it on ACCESS_CHANNEL, so every server process ends the device's open streams at
 * once; inside a transaction the announcement leaves at its commit. True when it was active.
 */
export async function revokeDevice(sql: Sql, deviceId: string, reason: RevokeReason): Promise<boolean> {
  const { rows } = await sql.query(
    `WITH revoked AS (UPDATE devices SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id)
     SELECT pg_notify($3, id) FROM revoked`,
    [deviceId, reason, ACCESS_CHANNEL],
  );
  return rows.length > 0;
}

const LOGIN_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_LOGIN = 5;
const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * The login rate limit (design.md §5), kept in PostgreSQL so that every server process counts the same attempts
 * and no process holds a row per name ever tried: per login whatever the address (a guesser with many addresses
 * gets five tries at a login, not five per address), and per address whatever the login.
 *
 * An attempt is written before its password is checked and counted after that write, so of attempts racing in
 * parallel only as many as the limit see a count within it. A wrong password leaves its row (a failure); a right
 * one clears the login's rows; a refused attempt removes its own, so hammering a locked login does not prolong
 * the lock. Rows older than the window are pruned by the attempts themselves.
 */
class LoginLimiter {
  constructor(private readonly db: Database) {}

  /** Records an attempt, or refuses it when the login or the address is over its limit. */
  async admit(login: string, address: string, at: Date): Promise<void> {
    const { rows } = await this.db.query<{ id: string }>(
      'INSERT INTO login_failures (login, address, at) VALUES ($1, $2, $3) RETURNING id',
      [login, address, at],
    );
    const id = String(rows[0]?.id);
    const since = new Date(at.getTime() - LOGIN_WINDOW_MS);
    const counted = await this.db.query<{ by_login: number; by_address: number }>(
      `WITH pruned AS (DELETE FROM login_failures WHERE at <= $3)
       SELECT (SELECT count(*)::int FROM login_failures WHERE login = $1 AND at > $3) AS by_login,
              (SELECT count(*)::int FROM login_failures WHERE address = $2 AND at > $3) AS by_address`,
      [login, address, since],
    );
    const count = counted.rows[0];
    if (!count || count.by_login > MAX_FAILURES_PER_LOGIN || count.by_address > MAX_FAILURES_PER_ADDRESS) {
      await this.db.query('DELETE FROM login_failures WHERE id = $1', [id]);
      throw new AuthError('login-rate-limited', 429);
    }
  }

  /** The right password: the login's failures are forgiven. */
  async succeeded(login: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE login = $1', [login]);
  }
}

/**
 * Stores a device's next refresh token and spends the one it replaces: the presented current token (which then
 * stays good as the previous one until `nextHash` is used), or, on a retry with the previous token, the successor
 * whose answer was lost (presented later, it is a copy).
 */
async function rotate(
  sql: Sql,
  deviceId: string,
  spentHash: string,
  nextHash: string,
  fromCurrent: boolean,
): Promise<void> {
  await sql.query(
    'UPDATE devices SET refresh_hash = $2, previous_refresh_hash = coalesce($3, previous_refresh_hash), last_seen_at = now() WHERE id = $1',
    [deviceId, nextHash, fromCurrent ? spentHash : null],
  );
  await sql.query(
    `WITH forgotten AS (DELETE FROM spent_refresh_tokens WHERE device_id = $2 AND spent_at < now() - $3::interval)
     INSERT INTO spent_refresh_tokens (hash, device_id) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING`,
    [spentHash, deviceId, SPENT_TOKEN_RETENTION],
  );
}

interface RefreshRow {
  user_id: string;
  office_id: string;
  refresh_hash: string;
  current: boolean;
  previous: boolean;
  spent: boolean;
  revoked_reason: RevokeReason | null;
  revoked: boolean;
  owner_disabled: boolean;
}

export class Auth {
  private readonly verified = new Map<string, TokenClaims>();
  private readonly logins: LoginLimiter;
  // A real argon2id hash of a random password: an unknown login costs as much as a known one (no timing oracle).
  private readonly dummyHash = hashArgon2(randomBytes(16).toString('hex'));

  private constructor(
    private readonly db: Database,
    private readonly key: Uint8Array,
    private readonly now: () => Date,
    private readonly accessTtlS: number,
  ) {
    this.logins = new LoginLimiter(db);
  }

  static async open(db: Database, options: AuthOptions = {}): Promise<Auth> {
    await db.query(`INSERT INTO server_settings (key, value) VALUES ('jwt-key', $1) ON CONFLICT (key) DO NOTHING`, [
      randomBytes(32).toString('hex'),
    ]);
    const { rows } = await db.query<{ value: string }>(`SELECT value FROM server_settings WHERE key = 'jwt-key'`);
    return new Auth(
      db,
      Buffer.from(rows[0]?.value ?? '', 'hex'),
      options.now ?? (() => new Date()),
      options.accessTokenSeconds ?? ACCESS_TTL_S,
    );
  }

  async enrol(request: EnrolRequest, address: string): Promise<DeviceTokens> {
    await this.logins.admit(request.login, address, this.now());
    const { rows } = await this.db.query<{ user_id: string; password_hash: string; user: UserDoc | null }>(
      `SELECT c.user_id, c.password_hash, d.body AS user FROM credentials c
       LEFT JOIN docs d ON d.collection = 'users' AND d.id = c.user_id WHERE c.login = $1`,
      [request.login],
    );
    const found = rows[0];
    const ok = await verifyArgon2(found?.password_hash ?? (await this.dummyHash), request.password).catch(() => false);
    if (!found || !found.user || !ok) throw new AuthError('login-failed', 401);
    await this.logins.succeeded(request.login);
    if (found.user.disabled) throw new AuthError('user-disabled', 403);
    const deviceId = randomUUID();
    const refreshToken = `${deviceId}.${randomBytes(32).toString('base64url')}`;
    await this.db.query(
      'INSERT INTO devices (id, user_id, office_id, name, refresh_hash) VALUES ($1, $2, $3, $4, $5)',
      [deviceId, found.user.id, found.user.officeId, request.deviceName.slice(0, 100), sha256(refreshToken)],
    );
    return this.tokens({ userId: found.user.id, officeId: found.user.officeId, deviceId }, refreshToken);
  }

  /**
   * Exchanges a refresh token for new tokens (rotation). The token just rotated away stays good until its
   * successor is first used: the answer of a refresh can be lost (a connection cut, a desk
   * killed before it saved the new token), and the desk then presents the old token again, minutes or a night
   * later. That retry gets a fresh pair and the unused successor is spent, so the answer is idempotent for the
   * desk while a copy can still be caught: whoever presents the spent successor revokes the device.
   *
   * No time limit on the retry (a grace of minutes would strand a desk killed overnight): the window closes at the
   * desk's next refresh, at its next start or within an access token's life (ten minutes) while it runs, and
   * holding the previous token gives no more than holding the current one, kept in the same place. Any other
   * spent token presented again — one whose successor was used — is a copy in someone's hands: the whole device
   * is revoked (the legitimate desk is enrolled again), whichever of the two presents next. A device whose
   * enrolling user was disabled gets no new tokens and keeps its tokens, so its desk's retries are refused the
   * same way and never look like a replay.
   */
  async refresh(refreshToken: string): Promise<DeviceTokens> {
    const deviceId = refreshToken.split('.')[0] ?? '';
    const presented = sha256(refreshToken);
    const next = `${deviceId}.${randomBytes(32).toString('base64url')}`;
    const outcome = await this.db.transaction(async (tx): Promise<RefreshRow | AuthErrorCode> => {
      const { rows } = await tx.query<RefreshRow>(
        `SELECT d.user_id, d.office_id, d.refresh_hash, d.refresh_hash = $2 AS current,
                coalesce(d.previous_refresh_hash = $2, false) AS previous, d.revoked_reason, d.revoked_at IS NOT NULL AS revoked,
                c.disabled_at IS NOT NULL AS owner_disabled,
                EXISTS (SELECT 1 FROM spent_refresh_tokens s WHERE s.hash = $2 AND s.device_id = d.id) AS spent
         FROM devices d LEFT JOIN credentials c ON c.user_id = d.user_id WHERE d.id = $1 FOR UPDATE OF d`,
        [deviceId, presented],
      );
      const device = rows[0];
      if (!device) return 'token-invalid';
      if (device.revoked) return device.revoked_reason === 'refresh-replayed' ? 'refresh-replayed' : 'device-revoked';
      if (!device.current && !device.previous) {
        if (!device.spent) return 'token-invalid';
        await revokeDevice(tx, deviceId, 'refresh-replayed');
        return 'refresh-replayed';
      }
      if (device.owner_disabled) return 'device-owner-disabled';
      await rotate(tx, deviceId, device.current ? presented : device.refresh_hash, sha256(next), device.current);
      return device;
    });
    if (typeof outcome === 'string') throw new AuthError(outcome, outcome === 'device-owner-disabled' ? 403 : 401);
    return this.tokens({ userId: outcome.user_id, officeId: outcome.office_id, deviceId }, next);
  }

  /**
   * Checks an access token and that its device is still enrolled, on every request. The same statement reads the
   * version of the offices and users (services/reference.ts), so the request knows in this one round trip
   * whether the process's copy of them is current.
   */
  async verify(authorization: string | undefined, sql: Sql = this.db): Promise<Verified> {
    const claims = await this.claimsOf(authorization);
    const { rows } = await sql.query<{ revoked: boolean | null; version: string | number }>(
      'SELECT (SELECT revoked_at IS NOT NULL FROM devices WHERE id = $1) AS revoked, version FROM reference_version',
      [claims.deviceId],
    );
    if (rows[0]?.revoked !== false) throw new AuthError('device-revoked', 401);
    return { claims, referenceVersion: Number(rows[0].version) };
  }

  /**
   * The claims of a validly signed, unexpired token, without the device check: for a caller that runs the check
   * in its own statement (a pull reads its page and the device's state in one round trip).
   */
  async claimsOf(authorization: string | undefined): Promise<TokenClaims> {
    return this.verifySignature(authorization?.startsWith('Bearer ') ? authorization.slice(7) : '');
  }

  /**
   * The token's claims, checked by jose once per token: a desk sends the same token for its whole life (10 min),
   * and WebCrypto's HMAC cost a seventh of the server's time under load. Only verified tokens are remembered,
   * each until its expiry; revocation is checked on every request regardless.
   */
  private async verifySignature(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > this.now().getTime()) return known;
    let claims: TokenClaims;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], currentDate: this.now() });
      claims = {
        userId: String(payload.sub),
        officeId: String(payload.off),
        deviceId: String(payload.dev),
        expiresAt: Number(payload.exp) * 1000,
      };
    } catch {
      throw new AuthError('token-invalid', 401);
    }
    if (this.verified.size >= VERIFIED_LIMIT) this.verified.clear(); // bounded; a miss only costs one verification
    this.verified.set(token, claims);
    return claims;
  }

  private async tokens(identity: DeviceIdentity, refreshToken: string): Promise<DeviceTokens> {
    const now = this.now();
    const accessToken = await new SignJWT({ off: identity.officeId, dev: identity.deviceId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(identity.userId)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + this.accessTtlS)
      .sign(this.key);
    return {
      deviceId: identity.deviceId,
      officeId: identity.officeId,
      accessToken,
      expiresIn: this.accessTtlS,
      refreshToken,
      serverTime: now.toISOString(),
    };
  }
}
