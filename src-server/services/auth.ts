import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash as hashArgon2, verify as verifyArgon2 } from '@node-rs/argon2';
import { jwtVerify, SignJWT } from 'jose';
import type { UserDoc } from '#shared/domain/documents';
import type { AuthErrorCode, DeviceTokens, EnrolRequest } from '#shared/sync/protocol';
import type { Database, Sql } from '../db/database';

/**
 * Device enrolment and tokens (design.md §5): a user logs in with their password (argon2id, checked here only),
 * the desk is enrolled as a device of the user's office and gets a short-lived access token (a JWT signed with a
 * key every server process shares through the database) and a rotating refresh token (stored hashed). A revoked
 * device is refused on every request. Logins are rate-limited per login and per client address.
 */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    readonly status: number,
  ) {
    super(code);
  }
}

export interface TokenClaims {
  readonly userId: string;
  readonly officeId: string;
  readonly deviceId: string;
}

/** A request's verified token, and the `reference_version` its device check read. */
export interface Verified {
  readonly claims: TokenClaims;
  readonly referenceVersion: number;
}

const ACCESS_TTL_S = 10 * 60;
const VERIFIED_LIMIT = 10_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A sliding-window limiter: at most `max` failures per key within `windowMs`. */
export class RateLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  blocked(key: string, now: number): boolean {
    const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.failures.set(key, recent);
    return recent.length >= this.max;
  }

  fail(key: string, now: number): void {
    this.failures.set(key, [...(this.failures.get(key) ?? []), now].slice(-this.max));
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}

export class Auth {
  private readonly byLogin = new RateLimiter(5, 15 * 60_000);
  private readonly verified = new Map<string, { claims: TokenClaims; expiresAt: number }>();
  private readonly byAddress = new RateLimiter(20, 15 * 60_000);
  // A real argon2id hash of a random password: an unknown login costs as much as a known one (no timing oracle).
  private readonly dummyHash = hashArgon2(randomBytes(16).toString('hex'));

  private constructor(
    private readonly db: Database,
    private readonly key: Uint8Array,
    private readonly now: () => Date,
  ) {}

  static async open(db: Database, now: () => Date = () => new Date()): Promise<Auth> {
    await db.query(`INSERT INTO server_settings (key, value) VALUES ('jwt-key', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(32).toString('hex')]);
    const { rows } = await db.query<{ value: string }>(`SELECT value FROM server_settings WHERE key = 'jwt-key'`);
    return new Auth(db, Buffer.from(rows[0]?.value ?? '', 'hex'), now);
  }

  async enrol(request: EnrolRequest, address: string): Promise<DeviceTokens> {
    const t = this.now().getTime();
    const loginKey = `${request.login}\u0000${address}`;
    if (this.byLogin.blocked(loginKey, t) || this.byAddress.blocked(address, t)) throw new AuthError('login-rate-limited', 429);
    const { rows } = await this.db.query<{ user_id: string; password_hash: string; user: UserDoc | null }>(
      `SELECT c.user_id, c.password_hash, d.body AS user FROM credentials c
       LEFT JOIN docs d ON d.collection = 'users' AND d.id = c.user_id WHERE c.login = $1`,
      [request.login],
    );
    const found = rows[0];
    const ok = await verifyArgon2(found?.password_hash ?? (await this.dummyHash), request.password).catch(() => false);
    if (!found || !found.user || !ok) {
      this.byLogin.fail(loginKey, t);
      this.byAddress.fail(address, t);
      throw new AuthError('login-failed', 401);
    }
    if (found.user.disabled) throw new AuthError('user-disabled', 403);
    this.byLogin.clear(loginKey);
    const deviceId = randomUUID();
    const refreshToken = `${deviceId}.${randomBytes(32).toString('base64url')}`;
    await this.db.query('INSERT INTO devices (id, user_id, office_id, name, refresh_hash) VALUES ($1, $2, $3, $4, $5)', [
      deviceId,
      found.user.id,
      found.user.officeId,
      request.deviceName.slice(0, 100),
      sha256(refreshToken),
    ]);
    return this.tokens({ userId: found.user.id, officeId: found.user.officeId, deviceId }, refreshToken);
  }

  /** Exchanges a refresh token for new tokens; the old refresh token stops working (rotation). */
  async refresh(refreshToken: string): Promise<DeviceTokens> {
    const deviceId = refreshToken.split('.')[0] ?? '';
    const next = `${deviceId}.${randomBytes(32).toString('base64url')}`;
    const { rows } = await this.db.query<{ user_id: string; office_id: string; revoked: boolean }>(
      `UPDATE devices SET refresh_hash = $3, last_seen_at = now() WHERE id = $1 AND refresh_hash = $2
       RETURNING user_id, office_id, revoked_at IS NOT NULL AS revoked`,
      [deviceId, sha256(refreshToken), sha256(next)],
    );
    const device = rows[0];
    if (!device) throw new AuthError('token-invalid', 401);
    if (device.revoked) throw new AuthError('device-revoked', 401);
    return this.tokens({ userId: device.user_id, officeId: device.office_id, deviceId }, next);
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
    const t = this.now().getTime();
    const known = this.verified.get(token);
    if (known && known.expiresAt > t) return known.claims;
    let claims: TokenClaims;
    let expiresAt: number;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], currentDate: this.now() });
      claims = { userId: String(payload.sub), officeId: String(payload.off), deviceId: String(payload.dev) };
      expiresAt = Number(payload.exp) * 1000;
    } catch {
      throw new AuthError('token-invalid', 401);
    }
    if (this.verified.size >= VERIFIED_LIMIT) this.verified.clear(); // bounded; a miss only costs one verification
    this.verified.set(token, { claims, expiresAt });
    return claims;
  }

  private async tokens(claims: TokenClaims, refreshToken: string): Promise<DeviceTokens> {
    const now = this.now();
    const accessToken = await new SignJWT({ off: claims.officeId, dev: claims.deviceId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + ACCESS_TTL_S)
      .sign(this.key);
    return { deviceId: claims.deviceId, officeId: claims.officeId, accessToken, expiresIn: ACCESS_TTL_S, refreshToken, serverTime: now.toISOString() };
  }
}
