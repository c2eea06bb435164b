import type { z } from 'zod';
import { PublicProfile, type AuditEntryView, type Me, type Role, type SessionView, type UserAdminView } from '../../../contracts/accounts.js';
import { jsonSerializer, utf8ToKeep } from '../../platform/response-serializer.js';
import type { PublicUserRow, UserRow } from './accounts.repository.js';

/** The privacy boundary for accounts: the exact fields that may leave the server. */

export function presentMe(user: UserRow, roles: Role[], email: string | null): z.infer<typeof Me> {
  return {
    id: user.id,
    handle: user.handle,
    email,
    pronouns: user.pronouns,
    region: user.region,
    timeZone: user.time_zone,
    languages: JSON.parse(user.languages) as string[],
    experienceTags: JSON.parse(user.experience_tags) as string[],
    experienceNote: user.experience_note,
    bio: user.bio,
    bioPending: user.bio_state === 'pending',
    messagePolicy: user.message_policy,
    roles,
    createdAt: user.created_at,
  };
}

/** What another member sees: no email, region, time zone or languages. */
export function presentPublicProfile(user: Pick<UserRow, 'id' | 'handle' | 'pronouns' | 'experience_tags' | 'bio' | 'bio_state'>, roles: Role[]): z.infer<typeof PublicProfile> {
  return {
    id: user.id,
    handle: user.handle,
    pronouns: user.pronouns,
    experienceTags: JSON.parse(user.experience_tags) as string[],
    // A bio held by the safety screen is shown to nobody but its author until reviewed.
    bio: user.bio_state === 'visible' ? user.bio : null,
    roles,
  };
}

const writePublicProfileJson = jsonSerializer(PublicProfile);

/**
 * A public profile's response bytes, written once per kept profile (ADR 053): the text the route's
 * serializer writes of `presentPublicProfile` (the schema's projection: only the fields it
 * declares, in its order), in an allocation of their own, as they are kept.
 */
export function writePublicProfile(user: PublicUserRow, roles: Role[]): Buffer {
  return utf8ToKeep(writePublicProfileJson(presentPublicProfile(user, roles)));
}

export function presentSession(
  s: { id: string; device_label: string; created_at: string; last_seen_at: string },
  currentSessionId: string,
): z.infer<typeof SessionView> {
  return {
    id: s.id,
    deviceLabel: s.device_label,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    current: s.id === currentSessionId,
  };
}

export function presentAuditEntry(a: {
  id: string;
  created_at: string;
  actor_handle: string | null;
  actor_role: string;
  action: string;
  object_type: string;
  reason: string;
}): z.infer<typeof AuditEntryView> {
  return {
    id: a.id,
    at: a.created_at,
    actorHandle: a.actor_handle,
    actorRole: a.actor_role,
    action: a.action,
    objectType: a.object_type,
    reason: a.reason,
  };
}

export function presentUserForAdmin(u: { id: string; handle: string; created_at: string; roles: Role[] }): z.infer<typeof UserAdminView> {
  return { id: u.id, handle: u.handle, roles: u.roles, createdAt: u.created_at };
}
