import type { Api, Session } from '../../contract/api';
import { ApiError } from '../../contract/errors';
import { newId } from '../ids';
import { verifyPassword } from '../../auth/passwords';
import { unwrapSigningKey } from '../../auth/signing-keys';
import type { DeskContext } from '../context';
import { discardDraft } from './drafts';

/** After this many failed logins in a row on one desk, logins pause (offline guessing is slowed, design.md §5). */
const MAX_FAILURES = 5;
const LOCK_MS = 60_000;

export function sessionHandlers(ctx: DeskContext): Pick<Api, 'session-login' | 'session-logout' | 'session-current'> {
  let failures = 0;
  let lockedUntil = 0;

  async function audit(action: 'login' | 'login-failed' | 'logout', userId: string, officeId: string, detail?: string) {
    await ctx.db.audit.insert({
      id: newId(),
      at: ctx.now().toISOString(),
      userId,
      officeId,
      action,
      ...(detail ? { detail } : {}),
    });
  }

  return {
    async 'session-login'({ login, password }) {
      if (ctx.now().getTime() < lockedUntil) throw new ApiError('login-locked');
      const user = await ctx.db.users.findOne({ selector: { login } }).exec();
      const office = user ? await ctx.db.offices.findOne(user.officeId).exec() : null;
      // Verify even for an unknown login, so timing does not tell which logins exist.
      const ok = await verifyPassword(password, user?.verifier ?? 'scrypt$16384$8$1$00$00');
      if (!user || !office || !ok) {
        failures += 1;
        if (failures >= MAX_FAILURES) lockedUntil = ctx.now().getTime() + LOCK_MS;
        await audit('login-failed', user?.id ?? 'unknown', user?.officeId ?? 'unknown', login.slice(0, 64));
        throw new ApiError('login-failed');
      }
      if (user.disabled) throw new ApiError('user-disabled');
      failures = 0;
      const { publicKey, wrappedKey } = user;
      const signingKey =
        publicKey && wrappedKey ? await unwrapSigningKey(user.id, { publicKey, wrappedKey }, password) : undefined;
      // The verifier took the password, so a key that does not unwrap was tampered with: acts could not be signed.
      if (wrappedKey && !signingKey) throw new ApiError('signing-key-invalid');
      const session: Session = {
        user: { id: user.id, login: user.login, name: user.name, roles: [...user.roles] },
        office: { id: office.id, name: office.name, code: office.code, kind: office.kind },
      };
      ctx.session.current = session;
      ctx.session.signingKey = signingKey;
      await audit('login', user.id, office.id);
      ctx.emitter.emit('data-changed', { collections: ['session'] });
      return session;
    },

    async 'session-logout'() {
      const session = ctx.session.current;
      // What the user typed and did not save goes with them (个人信息保护法): the next user never finds it.
      if (session) await ctx.serial(() => discardDraft(ctx.db, session.user.id));
      if (session) await audit('logout', session.user.id, session.office.id);
      ctx.session.current = undefined;
      ctx.session.signingKey = undefined;
      ctx.emitter.emit('data-changed', { collections: ['session'] });
      return null;
    },

    async 'session-current'() {
      return ctx.session.current ?? null;
    },
  };
}
