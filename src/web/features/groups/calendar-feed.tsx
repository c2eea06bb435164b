import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/status.js';
import { useFeedAction, useFeeds } from './api.js';

/**
 * A secret calendar URL (shown once: the server keeps only a digest). A new URL retires the old
 * one; turning it off stops every calendar that subscribed.
 */
export function CalendarFeedPanel({ groupId, headingLevel = 2 }: { groupId: string | null; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const urlId = useId();
  const { data: feeds } = useFeeds();
  const action = useFeedAction(groupId);
  const [copied, setCopied] = useState(false);
  const exists = (feeds ?? []).some((f) => f.groupId === groupId);
  const url = action.data?.url ?? null;
  const H = `h${headingLevel}` as const;
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // Clipboard refused (permissions): the field is selected so it can be copied by hand.
      (document.getElementById(urlId) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <section aria-labelledby={`${urlId}-title`} className="feed-panel">
      <H id={`${urlId}-title`}>{groupId ? t('groups.feed.groupTitle') : t('groups.feed.allTitle')}</H>
      <p className="muted">{t('groups.feed.intro')}</p>
      <ErrorNotice error={action.error} />
      {url ? (
        <div className="notice" role="status">
          <p>{t('groups.feed.once')}</p>
          <div className="field">
            <label htmlFor={urlId}>{t('groups.feed.urlLabel')}</label>
            <input id={urlId} type="text" readOnly value={url} onFocus={(e) => e.target.select()} />
          </div>
          <div className="button-row">
            <button type="button" className="button button--small" onClick={() => void copy()}>
              {t('groups.feed.copy')}
            </button>
            <a className="button button--secondary button--small" href={url.replace(/^https?:/, 'webcal:')}>
              {t('groups.feed.open')}
            </a>
          </div>
          {copied ? <p>{t('groups.feed.copied')}</p> : null}
        </div>
      ) : action.isSuccess ? (
        <p role="status">{t('groups.feed.off')}</p>
      ) : exists ? (
        <p>{t('groups.feed.exists')}</p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={action.isPending} onClick={() => (setCopied(false), action.mutate('rotate'))}>
          {exists || url ? t('groups.feed.rotate') : t('groups.feed.create')}
        </button>
        {exists || url ? (
          <button type="button" className="button button--secondary" disabled={action.isPending} onClick={() => (setCopied(false), action.mutate('revoke'))}>
            {t('groups.feed.revoke')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
