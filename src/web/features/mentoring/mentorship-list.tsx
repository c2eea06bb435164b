import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RelativeTime } from '../../components/relative-time.js';
import type { MentorshipView } from './api.js';

/** The other person in a mentorship, from the viewer's side. */
export function otherHandle(m: MentorshipView): string | null {
  return m.role === 'member' ? (m.supporter?.handle ?? null) : (m.member?.handle ?? null);
}

/** Conversations as links: who with, since when, and (ended, member side) whether feedback is still open. */
export function MentorshipList({ mentorships, headingId, title }: { mentorships: MentorshipView[]; headingId: string; title: string }) {
  const { t } = useTranslation();
  if (mentorships.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ul className="plain-list stack">
        {mentorships.map((m) => {
          const who = otherHandle(m) ?? t('mentoring.someoneGone');
          return (
            <li key={m.id} className="card mentorship-item">
              <p className="mentorship-item__who">
                <Link to={`/support/mentorships/${m.id}`}>{t(m.role === 'member' ? 'mentoring.list.withSupporter' : 'mentoring.list.withMember', { handle: who })}</Link>
              </p>
              <p className="muted">
                {m.status === 'active' ? (
                  <RelativeTime iso={m.startedAt} template={(when) => t('mentoring.list.since', { when })} />
                ) : (
                  <RelativeTime iso={m.endedAt ?? m.startedAt} template={(when) => t('mentoring.list.ended', { when })} />
                )}
                {m.role === 'member' && m.status === 'active' && m.supporter?.away ? ` · ${t('mentoring.list.away')}` : null}
              </p>
              {m.role === 'member' && m.status === 'ended' && !m.feedbackGiven && m.endReason !== 'blocked' ? (
                <p>
                  <Link to={`/support/mentorships/${m.id}#feedback`}>{t('mentoring.list.giveFeedback', { handle: who })}</Link>
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
