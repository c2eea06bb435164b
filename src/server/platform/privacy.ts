import { sql } from 'kysely';
import { conflict } from './errors.js';
import type { Tx } from './outbox.js';
import type { Database } from './schema.js';

/**
 * Each module that keeps data about a person registers how to export it and how to erase it.
 * "Download my data" and "Delete my account" walk this registry, so a new module cannot forget.
 */
export interface PersonalDataContributor {
  /** Key in the export file, e.g. "account", "screenings". */
  name: string;
  export(tx: Tx, userId: string): Promise<unknown>;
  /**
   * Removes personal data and private content. `publicPosts` is the member's choice for what
   * others can read: delete it, or keep it with the author removed.
   */
  erase(tx: Tx, userId: string, publicPosts: 'delete' | 'anonymize'): Promise<void>;
  /**
   * Optional, read before any erasing: what the person wrote that an outbox event may carry without
   * naming them (an anonymous post's event has its words but no author), so erasure removes those
   * events too (ADR 035): `ids` match under any key, `titles` only under title keys (`title`,
   * `threadTitle`). Events that name the person are found without it.
   */
  outboxKeys?(tx: Tx, userId: string, publicPosts: 'delete' | 'anonymize'): Promise<{ ids: string[]; titles: string[] }>;
  /**
   * Optional, run after every `erase`, once the person's `users` row is locked `for update`: from then
   * on no row naming them by a foreign key can be written until the erasure ends (the key's check
   * waits), and every such write begun before has committed. A last look that nothing its `erase`
   * read before locking was written meanwhile; it throws (a 409) to roll the whole erasure back
   * rather than let the account's delete cascade through rows its `erase` never locked.
   */
  erased?(tx: Tx, userId: string): Promise<void>;
}

export class PrivacyRegistry {
  private readonly contributors: PersonalDataContributor[] = [];

  register(contributor: PersonalDataContributor): void {
    this.contributors.push(contributor);
  }

  /** Contributors in registration order; erasure runs them in reverse (dependents first). */
  all(): readonly PersonalDataContributor[] {
    return this.contributors;
  }
}

/** What an erasure answers when words of the person's arrived while it ran (ADR 061). */
export const WRITTEN_WHILE_ERASING = 'Something you wrote arrived while your account was being deleted (from another device, or a request still under way). Nothing was deleted: please try again.';

/**
 * For an `erased` hook: a 409 (the whole erasure rolled back) if any of these columns still names the
 * person. Each is one its module's `erase` empties of them (deleted, or the author taken off), so a
 * row left is one written while the erasure ran, after `erase` read, and committed before the
 * person's row was locked: the account's delete would only take the author off it (`set null`), and
 * the words would stay, anonymous, whatever the person chose. Asked again, the erasure takes them too
 * (ADR 061). One indexed look per column, once per erasure.
 */
export async function nothingWrittenMeanwhile(tx: Tx, userId: string, columns: readonly (readonly [table: keyof Database & string, column: string])[]): Promise<void> {
  for (const [table, column] of columns) {
    const left = await sql<{ one: number }>`select 1 as one from ${sql.table(table)} where ${sql.ref(column)} = ${userId} limit 1`.execute(tx.trx);
    if (left.rows.length > 0) throw conflict(WRITTEN_WHILE_ERASING);
  }
}
