import { recordAccess } from '../../platform/audit.js';
import type { Tx } from '../../platform/outbox.js';
import type { HeldContentHandler } from './safety.service.js';

/** What the review steps need of a stored chat message (a support group's or a private circle's). */
export interface HeldMessageRow {
  id: string;
  author_id: string | null;
  state: string;
}

/**
 * Records in the author's access log that the supervisors' review list showed words of theirs the
 * safety screen held (no supervisor is named: the list is read by whoever is on duty).
 */
export async function recordHeldReview(tx: Tx, subject: string | null, o: { action: string; objectType: string; objectId: string; reason: string }): Promise<void> {
  if (!subject) return;
  await recordAccess(
    tx.trx,
    { subjectUserId: subject, actorId: null, actorRole: 'supervisor', action: o.action, objectType: o.objectType, objectId: o.objectId, reason: o.reason },
    tx.now,
  );
}

/**
 * How a supervisor's decision on a held chat message is applied, the same for a group's and a
 * circle's messages over each module's own table, key scope and events: the preview is recorded
 * for the author; a release shows a message still held and announces it as new; a removal keeps
 * the row with an empty sealed body; new words make it visible, unless its author took it back
 * meanwhile (a decision never undoes a removal). `announce` sends the module's event;
 * `replacedHeldIsNew` says whether new words on a held message announce it as new (groups) or as
 * changed (circles).
 */
export function heldMessageHandler<M extends HeldMessageRow>(o: {
  objectType: string;
  /** The screen's surface for these messages (as the module's own write screens them): a reviewer's edit is screened on it. */
  surface: NonNullable<HeldContentHandler['surface']>;
  find: (tx: Tx, id: string) => Promise<M | undefined>;
  /**
   * `find`, locking the row on PostgreSQL: a decision reads the message and writes from what it read,
   * so an author's take-back committed meanwhile must not be overwritten (SQLite runs one writer).
   */
  lock: (tx: Tx, id: string) => Promise<M | undefined>;
  update: (tx: Tx, id: string, patch: { state: 'visible' } | { state: 'visible' | 'removed'; body_enc: string }) => Promise<void>;
  open: (m: M) => string | null;
  seal: (m: M, text: string) => string;
  audit: { action: string; reason: string };
  announce: (tx: Tx, m: M, as: 'created' | 'updated') => Promise<void>;
  replacedHeldIsNew: boolean;
}): HeldContentHandler {
  return {
    objectType: o.objectType,
    surface: o.surface,
    lock: async (tx, id) => {
      await o.lock(tx, id);
    },
    refusesWords: async (tx, id) => {
      const m = await o.find(tx, id);
      if (!m) return 'This message no longer exists.';
      if (m.state === 'removed') return 'This message was taken back by its author, or removed.';
      return null;
    },
    preview: async (tx, id) => {
      const m = await o.find(tx, id);
      if (!m) return null;
      await recordHeldReview(tx, m.author_id, { ...o.audit, objectType: o.objectType, objectId: m.id });
      return { text: o.open(m) ?? '', anonymous: false };
    },
    release: async (tx, id) => {
      const m = await o.lock(tx, id);
      if (!m || m.state !== 'pending') return;
      await o.update(tx, id, { state: 'visible' });
      await o.announce(tx, m, 'created');
    },
    remove: async (tx, id) => {
      const m = await o.lock(tx, id);
      // Taken back (or removed) already: its words are gone and readers were told.
      if (!m || m.state === 'removed') return;
      await o.update(tx, id, { state: 'removed', body_enc: o.seal(m, '') });
      await o.announce(tx, m, 'updated');
    },
    replaceText: async (tx, id, text) => {
      const m = await o.lock(tx, id);
      // Taken back by its author (or removed) while it waited: new words would bring it back.
      if (!m || m.state === 'removed') return;
      const wasPending = m.state === 'pending';
      await o.update(tx, id, { state: 'visible', body_enc: o.seal(m, text) });
      await o.announce(tx, m, o.replacedHeldIsNew && wasPending ? 'created' : 'updated');
    },
  };
}
