import type { Executor } from './db.js';
import { newId } from './ids.js';

/** What a person sees on "Who saw my data": one line per privileged access to their data. */
export interface AuditEntryInput {
  subjectUserId: string;
  actorId: string | null;
  /** The role under which the access happened ("supervisor", "admin", "system"). */
  actorRole: string;
  /** A short verb phrase code, e.g. "safety.alert_opened", "account.roles_changed". */
  action: string;
  objectType: string;
  objectId: string | null;
  /** Why the access was allowed, in words the member can read. */
  reason: string;
}

/** Records a privileged access in the same transaction as the access itself. */
export async function recordAccess(db: Executor, entry: AuditEntryInput, at: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(at.getTime()),
      subject_user_id: entry.subjectUserId,
      actor_id: entry.actorId,
      actor_role: entry.actorRole,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId,
      reason: entry.reason,
      created_at: at.toISOString(),
    })
    .execute();
}
