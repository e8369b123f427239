import { randomUUID } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { identityMessage, type IdentityProof, type ServerIdentity } from '#shared/sync/protocol';
import type { Database } from '../db/database';

/**
 * The county server's identity (design.md §5): an id and an Ed25519 key pair. Every desk pins the
 * id and public key at its first enrolment and afterwards syncs only with a server that signs its fresh nonce, so a
 * desk re-pointed at a stranger's address never pushes its records (信访人 personal data, 检举控告 text: 个人信息保护法,
 * 第三十条第三款) there. The private key lives in the database beside the JWT key (services/auth.ts): every server
 * process of the county, and a server restored from a backup, is the same county.
 */
export class CountyIdentity {
  private constructor(
    private readonly identity: ServerIdentity,
    private readonly secretKey: Uint8Array,
  ) {}

  static async open(db: Database): Promise<CountyIdentity> {
    const fresh = JSON.stringify({ id: randomUUID(), secretKey: bytesToHex(ed25519.utils.randomSecretKey()) });
    await db.query(
      `INSERT INTO server_settings (key, value) VALUES ('identity-key', $1) ON CONFLICT (key) DO NOTHING`,
      [fresh],
    );
    const { rows } = await db.query<{ value: string }>(`SELECT value FROM server_settings WHERE key = 'identity-key'`);
    const stored = JSON.parse(rows[0]?.value ?? fresh) as { id: string; secretKey: string }; // written above, by this code
    const secretKey = hexToBytes(stored.secretKey);
    return new CountyIdentity({ id: stored.id, publicKey: bytesToHex(ed25519.getPublicKey(secretKey)) }, secretKey);
  }

  get public(): ServerIdentity {
    return this.identity;
  }

  /** Signs a desk's nonce: proof that this server holds the key the desk pinned. */
  prove(nonce: string): IdentityProof {
    const signature = ed25519.sign(utf8ToBytes(identityMessage(this.identity.id, nonce)), this.secretKey);
    return { id: this.identity.id, signature: bytesToHex(signature) };
  }
}
