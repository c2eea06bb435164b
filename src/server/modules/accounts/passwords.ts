import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** Algorithm.Argon2id: a const enum, which isolated modules cannot read, so its value is named here. */
const ARGON2ID = 2 as Algorithm;

/**
 * Argon2id, memory-hard (OWASP 2024 minimum: 19 MiB, 2 passes). Tests use the same algorithm
 * with a smaller memory cost so the suite stays quick; production never does.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verify, for unknown handles (no user-enumeration by timing). */
  burn(password: string): Promise<void>;
}

export function createPasswordHasher(strength: 'production' | 'test' = 'production'): PasswordHasher {
  const options =
    strength === 'production'
      ? { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }
      : { algorithm: ARGON2ID, memoryCost: 1_024, timeCost: 1, parallelism: 1 };
  let dummy: Promise<string> | null = null;
  return {
    hash: (password) => hash(password, options),
    verify: async (hashed, password) => {
      try {
        return await verify(hashed, password);
      } catch {
        return false;
      }
    },
    burn: async (password) => {
      dummy ??= hash('kindred-dummy-password', options);
      await verify(await dummy, password).catch(() => false);
    },
  };
}
