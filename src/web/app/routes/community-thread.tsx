import { useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { Me } from '../../../contracts/accounts.js';
import type { EventMap } from '../../../contracts/events.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import { Page } from '../../components/page.js';
import { ApiError } from '../../lib/api.js';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/status.js';
import {
  REACTION_KINDS,
  patchReactions,
  threadKey,
  useFollow,
  useRelated,
  useThread,
  type PostView,
  type SpaceView,
  type ThreadView,
  type Written,
} from '../../features/community/api.js';
import { PostCard } from '../../features/community/post-card.js';
import { ReplyForm } from '../../features/community/reply-form.js';
import { ReportDialog } from '../../features/community/report-dialog.js';
import { ThreadItem } from '../../features/community/thread-list.js';
import { EmpathyFeedback, plainTextOf, writesAsSupporter } from '../../features/empathy/lazy.js';
import { useRealtimeEvents, useRealtimeRooms } from '../realtime.js';
import { RequireAuth } from '../require-auth.js';
import { WriteNotice } from '../write-notice.js';

interface WrittenState {
  safety: SafetyNotice;
  pending: boolean;
  where: 'top' | 'reply';
}

/**
 * Live updates for one thread. New posts and edits make us ask the server again (it presents
 * them for this reader, with their own content-warning choices); reaction counts are patched in
 * place. What changed because of someone else is announced politely, without moving focus.
 */
function useLiveThread(id: string, posts: PostView[] | undefined): string {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<Set<string> | null>(null);

  useRealtimeEvents((event) => {
    if (event.type === 'community.post_created' || event.type === 'community.post_updated') {
      const data = event.data as EventMap['community.post_created'] | EventMap['community.post_updated'];
      if (data.threadId === id) void qc.invalidateQueries({ queryKey: threadKey(id) });
    } else if (event.type === 'community.thread_changed') {
      // An account's erasure changed several posts at once (ADR 059, amendment 2026-11-28). A thread gone:
      // its words leave the cache too (reset, not kept beside the error), and the fetch says it is not found.
      const data = event.data as EventMap['community.thread_changed'];
      if (data.threadId !== id) return;
      if (data.gone) void qc.resetQueries({ queryKey: threadKey(id) });
      else void qc.invalidateQueries({ queryKey: threadKey(id) });
    } else if (event.type === 'community.reactions_changed') {
      const data = event.data as EventMap['community.reactions_changed'];
      if (data.threadId !== id) return;
      const before = posts?.find((p) => p.id === data.postId);
      if (!before) return;
      const changed = REACTION_KINDS.filter((k) => before.reactions[k] !== data.reactions[k]);
      patchReactions(qc, id, data.postId, data.reactions);
      // Our own click already updated the counts, so only someone else's reaction is announced.
      if (changed.length > 0) {
        setAnnouncement(t('community.thread.reactionsUpdated', { summary: changed.map((k) => `${t(`reactions.${k}`)} ${data.reactions[k]}`).join(', ') }));
      }
    }
  });

  useEffect(() => {
    if (!posts) return;
    if (seen.current) {
      const fresh = posts.filter((p) => !seen.current!.has(p.id) && !p.author.isMe);
      if (fresh.length === 1) setAnnouncement(t('community.thread.newReply', { author: fresh[0]!.author.anonymous ? t('community.post.anonymous') : fresh[0]!.author.label }));
      else if (fresh.length > 1) setAnnouncement(t('community.thread.newReplies', { count: fresh.length }));
    }
    seen.current = new Set(posts.map((p) => p.id));
  }, [posts, t]);

  return announcement;
}

function FollowButton({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation();
  const follow = useFollow(thread.id);
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-pressed={thread.following}
        aria-describedby="follow-hint"
        disabled={follow.isPending}
        onClick={() => follow.mutate(!thread.following)}
      >
        {t('community.thread.follow')}
      </button>
      <span id="follow-hint" className="muted">
        {t('community.thread.followHint')}
      </span>
      <ErrorNotice error={follow.error} />
    </>
  );
}

function Related({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data } = useRelated(id);
  return (
    <section aria-labelledby="related-title" className="related">
      <h2 id="related-title">{t('community.thread.relatedTitle')}</h2>
      {data && data.length === 0 ? <p className="muted">{t('community.thread.relatedEmpty')}</p> : null}
      {data && data.length > 0 ? (
        <ul className="plain-list thread-list">
          {data.map((th) => (
            <li key={th.id}>
              <ThreadItem thread={th} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ThreadScreen({ id, me }: { id: string; me: Me }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { data, isPending, error, hasNextPage, fetchNextPage, isFetchingNextPage } = useThread(id);
  const live = useRealtimeRooms([`thread:${id}`]);
  const [written, setWritten] = useState<WrittenState | null>(() => {
    const s = (location.state as { written?: Omit<WrittenState, 'where'> } | null)?.written;
    return s ? { ...s, where: 'top' } : null;
  });
  const [replied, setReplied] = useState(false);
  const [reporting, setReporting] = useState<PostView | null>(null);
  const posts = data?.pages.flatMap((p) => p.posts);
  // The opening post first, the replies just after: React renders the list in the background,
  // yielding to the browser, so a slow phone shows what someone came to read without a long freeze.
  const listedPosts = useDeferredValue(posts);
  const announcement = useLiveThread(id, posts);
  const first = data?.pages[0] as { thread?: ThreadView; space?: SpaceView } | undefined;
  const thread = first?.thread;
  const space = first?.space;
  // The same functions on every render, so that the memoized posts do not re-render with the page.
  const onWritten = useMemo(() => {
    const after = (where: WrittenState['where']) => (w: Written) => {
      setWritten({ safety: w.safety, pending: w.post.state === 'pending', where });
      setReplied(where === 'reply' && w.post.state === 'visible' && !w.safety.showCrisisResponse);
    };
    return { top: after('top'), reply: after('reply') };
  }, []);

  if (isPending) return <Loading />;
  // A refetch that finds the thread gone (deleted, or taken off the pages) keeps the last data beside
  // the error: the page says it is gone rather than go on showing what it no longer may.
  const gone = error instanceof ApiError && error.status === 404;
  if (gone || !thread || !space || !posts) {
    // Keyed apart from the thread's Page: in its place React would reuse it, and its focus-the-heading
    // on mount would not run, leaving focus on the body (from the reply box that went with the thread).
    return (
      <Page key="not-found" title={t('community.thread.notFoundTitle')}>
        <ErrorNotice error={gone ? new Error(t('community.thread.notFound')) : (error ?? new Error(t('community.thread.notFound')))} />
        <p>
          <Link to="/community">{t('community.backToCommunity')}</Link>
        </p>
      </Page>
    );
  }

  const opening = posts.find((p) => p.isOpening);
  // Supporters see empathy feedback on their reply; the seeker's words are the thread's opening post.
  const feedback = writesAsSupporter(me.roles)
    ? (draft: string) => <EmpathyFeedback seeker={`${thread.title}\n${plainTextOf(opening?.bodyHtml)}`} draft={draft} />
    : undefined;
  const replies = posts.filter((p) => !p.isOpening);
  const listedReplies = listedPosts?.filter((p) => !p.isOpening) ?? [];
  const notice = (where: WrittenState['where']) =>
    written?.where === where ? (
      <WriteNotice
        notice={written.safety}
        pending={written.pending}
        heldMessage={where === 'top' && !replies.length ? t('community.safety.heldThread') : t('community.safety.heldReply')}
        pendingMessage={t('community.post.pendingFirstPost')}
        onDismiss={() => setWritten(null)}
      />
    ) : null;

  return (
    <Page key="thread" title={thread.title}>
      <p className="meta">
        <Link to={`/community/spaces/${space.id}`}>{space.name}</Link>
        <span className="badge">{t(`community.kinds.${thread.kind}`)}</span>
        {thread.state === 'pending' ? <span className="badge badge--warn">{t('community.pendingThread')}</span> : null}
      </p>
      {notice('top')}
      {thread.state === 'pending' ? <p className="notice">{t('community.thread.pendingIntro')}</p> : null}
      <div className="meta">
        <FollowButton thread={thread} />
      </div>
      <p className="muted live-status" role="status">
        {live ? t('community.thread.live') : t('community.thread.connecting')}
      </p>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>

      <div className="reading">
        {opening ? <PostCard post={opening} thread={thread} onWritten={onWritten.top} onReport={setReporting} /> : null}

        <section aria-labelledby="replies-title">
          <h2 id="replies-title">
            {t('community.thread.repliesTitle')} <span className="muted">({thread.replyCount})</span>
          </h2>
          {replies.length === 0 ? <p className="muted">{t('community.thread.noReplies')}</p> : null}
          <ol className="plain-list post-list">
            {listedReplies.map((p) => (
              <li key={p.id}>
                <PostCard post={p} thread={thread} onWritten={onWritten.reply} onReport={setReporting} />
              </li>
            ))}
          </ol>
          {hasNextPage ? (
            <div className="button-row">
              <button type="button" className="button button--secondary" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
                {isFetchingNextPage ? t('community.loadingMore') : t('community.thread.loadMoreReplies')}
              </button>
            </div>
          ) : null}
        </section>

        {notice('reply')}
        {replied ? <SuccessNotice>{t('community.thread.replied')}</SuccessNotice> : null}
        {thread.state !== 'removed' ? <ReplyForm thread={thread} space={space} onWritten={onWritten.reply} feedback={feedback} /> : null}
      </div>

      <Related id={thread.id} />
      <ReportDialog post={reporting} onClose={() => setReporting(null)} />
    </Page>
  );
}

export default function CommunityThreadPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{(me) => <ThreadScreen key={id} id={id} me={me} />}</RequireAuth>;
}
