import type { Kysely } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_community.js';
import * as m0003 from './0003_thread_stats_index.js';
import * as m0004 from './0004_mentoring.js';
import * as m0005 from './0005_mentoring_conversations.js';
import * as m0006 from './0006_groups.js';
import * as m0007 from './0007_circles.js';
import * as m0008 from './0008_recovery.js';
import * as m0009 from './0009_goal_shares.js';
import * as m0010 from './0010_session_rotation.js';
import * as m0011 from './0011_supervision.js';
import * as m0012 from './0012_training.js';
import * as m0013 from './0013_stable_search_keys.js';
import * as m0014 from './0014_notification_indexes.js';
import * as m0015 from './0015_thread_content_version.js';
import * as m0016 from './0016_title_search_index.js';
import * as m0017 from './0017_thread_follows_by_member.js';
import * as m0018 from './0018_title_search_trigger.js';
import * as m0019 from './0019_notification_read_replies.js';
import * as m0020 from './0020_search_walk_index.js';
import * as m0021 from './0021_thread_version_once_per_reply.js';
import * as m0022 from './0022_reports_by_reporter.js';
import * as m0023 from './0023_outbox_attempts.js';
import * as m0024 from './0024_search_scope.js';
import * as m0027 from './0027_crisis_events_kept_and_reports_by_post.js';
import * as m0028 from './0028_search_scope_pair.js';
import * as m0029 from './0029_outbox_consumed_at.js';
import * as m0030 from './0030_opening_post_search_index.js';
import * as m0031 from './0031_idempotency_keys.js';
import * as m0032 from './0032_search_keys_at_commit.js';
import * as m0033 from './0033_unanswered_count_index.js';
import * as m0034 from './0034_reader_version.js';
import * as m0038 from './0038_one_pending_join_request.js';
import * as m0039 from './0039_post_published_at.js';
import * as m0040 from './0040_held_queue_order_index.js';
import * as m0041 from './0041_one_open_handover.js';
import * as m0042 from './0042_first_post_hold.js';
import * as m0043 from './0043_unread_newest_index.js';
import * as m0044 from './0044_erasure_lookup_indexes.js';
import * as m0045 from './0045_unanswered_partial_indexes.js';

export interface MigrationContext {
  dialect: 'sqlite' | 'postgres';
}

export interface PortableMigration {
  up(db: Kysely<any>, ctx: MigrationContext): Promise<void>;
}

/**
 * Every migration, in order. A static list (not a folder scan) so the same code runs under
 * tsx, in tests and in a bundle. Never edit a migration that has shipped: add the next one.
 */
export const migrations: Record<string, PortableMigration> = {
  '0001_foundation': m0001,
  '0002_community': m0002,
  '0003_thread_stats_index': m0003,
  '0004_mentoring': m0004,
  '0005_mentoring_conversations': m0005,
  '0006_groups': m0006,
  '0007_circles': m0007,
  '0008_recovery': m0008,
  '0009_goal_shares': m0009,
  '0010_session_rotation': m0010,
  '0011_supervision': m0011,
  '0012_training': m0012,
  '0013_stable_search_keys': m0013,
  '0014_notification_indexes': m0014,
  '0015_thread_content_version': m0015,
  '0016_title_search_index': m0016,
  '0017_thread_follows_by_member': m0017,
  '0018_title_search_trigger': m0018,
  '0019_notification_read_replies': m0019,
  '0020_search_walk_index': m0020,
  '0021_thread_version_once_per_reply': m0021,
  '0022_reports_by_reporter': m0022,
  '0023_outbox_attempts': m0023,
  '0024_search_scope': m0024,
  // 0025 and 0026 were handed out for work that needed no migration and stay unused: the migrator is
  // ordered (a database that ran 0027 refuses a later 0025), so 0028 came next.
  '0027_crisis_events_kept_and_reports_by_post': m0027,
  '0028_search_scope_pair': m0028,
  '0029_outbox_consumed_at': m0029,
  '0030_opening_post_search_index': m0030,
  '0031_idempotency_keys': m0031,
  '0032_search_keys_at_commit': m0032,
  '0033_unanswered_count_index': m0033,
  // 0035 and 0036 were handed out for work that needed no migration and stay unused (see 0025, 0026).
  '0034_reader_version': m0034,
  '0038_one_pending_join_request': m0038,
  // 0037 was handed out for posts.published_at, but 0038 shipped first and a database that ran 0038
  // refuses a later 0037: it is 0039, and 0037 stays unused.
  '0039_post_published_at': m0039,
  '0040_held_queue_order_index': m0040,
  '0041_one_open_handover': m0041,
  '0042_first_post_hold': m0042,
  '0043_unread_newest_index': m0043,
  '0044_erasure_lookup_indexes': m0044,
  '0045_unanswered_partial_indexes': m0045,
};
