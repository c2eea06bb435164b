import { createCipheriv, createDecipheriv, createHash, createHmac, hash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field encryption at rest: AES-256-GCM, each value stamped with the id of the key that sealed it,
 * so keys can rotate (new writes use the current key; old values still open with an old key).
 * Format: `enc1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export interface FieldCipher {
  readonly keyId: string;
  encrypt(plaintext: string, associatedData?: string): string;
  decrypt(sealed: string, associatedData?: string): string;
}

export interface Keyring {
  cookieSecret: string;
  field: FieldCipher;
  /**
   * A keyed one-way digest (HMAC-SHA-256, base64url): compares what two requests asked without
   * storing their words, and without a digest a database reader could confirm by guessing (ADR 042).
   */
  digest(data: string): string;
}

const PREFIX = 'enc1';

function deriveKey(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `kindred:${purpose}`, 32));
}

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

class AesGcmFieldCipher implements FieldCipher {
  readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, older: Buffer[]) {
    this.keyId = keyIdOf(current);
    this.keys.set(this.keyId, current);
    for (const k of older) this.keys.set(keyIdOf(k), k);
  }

  encrypt(plaintext: string, associatedData?: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.keyId)!, iv);
    if (associatedData) cipher.setAAD(Buffer.from(associatedData));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [PREFIX, this.keyId, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(sealed: string, associatedData?: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== PREFIX) throw new Error('not an encrypted field');
    const key = this.keys.get(parts[1]!);
    if (!key) throw new Error(`no key with id ${parts[1]} (was KINDRED_OLD_SECRETS set after a rotation?)`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts[2]!, 'base64url'));
    if (associatedData) decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(parts[3]!, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(parts[4]!, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/**
 * Loads the master secret: KINDRED_SECRET if set, else the key file, created on first start with
 * mode 0600. Losing that file makes encrypted content unreadable, which the README says plainly.
 */
export function loadMasterSecret(secret: string | undefined, keyFile: string): Buffer {
  if (secret) return Buffer.from(secret, 'utf8');
  if (fs.existsSync(keyFile)) {
    const raw = fs.readFileSync(keyFile, 'utf8').trim();
    if (raw.length < 32) throw new Error(`Key file ${keyFile} is too short to be a Kindred key`);
    return Buffer.from(raw, 'utf8');
  }
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  const generated = randomBytes(48).toString('base64url');
  fs.writeFileSync(keyFile, generated + '\n', { mode: 0o600, flag: 'wx' });
  return Buffer.from(generated, 'utf8');
}

/** Derives the cookie secret and the field key from one master secret (plus older ones, for rotation). */
export function createKeyring(master: Buffer, older: Buffer[] = []): Keyring {
  const digestKey = deriveKey(master, 'digest');
  return {
    digest: (data) => createHmac('sha256', digestKey).update(data, 'utf8').digest('base64url'),
    cookieSecret: deriveKey(master, 'cookie').toString('base64url'),
    field: new AesGcmFieldCipher(
      deriveKey(master, 'field'),
      older.map((o) => deriveKey(o, 'field')),
    ),
  };
}

/** A fresh random token for cookies and invitation links (256 bits). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The one-way digest under which a token is stored, so a database leak does not leak live sessions. */
export function tokenDigest(token: string): string {
  // One-shot: no Hash object per call (every signed-in request digests its session token; ADR 030).
  return hash('sha256', token, 'base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
