import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../components/fields.js';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { LIMITS, THREAD_KINDS, useSearch, useSpaces } from '../../features/community/api.js';
import { HighlightedText } from '../../features/community/highlighted.js';
import { RequireAuth } from '../require-auth.js';

function Search() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const space = params.get('space') ?? '';
  const kind = params.get('kind') ?? '';
  const [draft, setDraft] = useState({ q, space, kind });
  const { data: spaces } = useSpaces();
  const { data, isFetching, error } = useSearch({ q, space: space || undefined, kind: kind || undefined });
  // The server answers per post; a thread is shown once, with its best-ranked match.
  const postHits = data?.hits;
  const hits = postHits?.filter((h, i) => postHits.findIndex((o) => o.thread.id === h.thread.id) === i);
  const spaceNames = new Map((spaces ?? []).map((s) => [s.id, s.name]));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('q', draft.q.trim());
    if (draft.space) next.set('space', draft.space);
    if (draft.kind) next.set('kind', draft.kind);
    setParams(next);
  };

  return (
    <Page title={t('community.search.title')}>
      <form role="search" onSubmit={submit} noValidate className="search-form">
        <div className="field">
          <label htmlFor="search-q">{t('community.search.query')}</label>
          <span className="field__hint" id="search-q-hint">
            {t('community.search.queryHint')}
          </span>
          <input
            id="search-q"
            type="search"
            name="q"
            aria-describedby="search-q-hint"
            maxLength={LIMITS.searchMax}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <div className="search-form__filters">
          <SelectField label={t('community.search.space')} name="space" value={draft.space} onChange={(e) => setDraft({ ...draft, space: e.target.value })}>
            <option value="">{t('community.search.anySpace')}</option>
            {(spaces ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('community.search.kind')} name="kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
            <option value="">{t('community.search.anyKind')}</option>
            {THREAD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`community.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t('community.search.submit')}
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
      {q && isFetching && !hits ? <Loading /> : null}
      {q && hits ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t('community.search.resultsTitle')}</h2>
          <p role="status">
            {hits.length === 0 ? t('community.search.none') : t('community.search.results', { count: hits.length })}
            {/* In the same live region, so a screen reader hears that older matches may be missing. */}
            {data?.truncated ? ` ${t('community.search.truncated')}` : null}
          </p>
          <ul className="plain-list thread-list">
            {hits.map((h) => (
              <li key={`${h.thread.id}-${h.postId}`}>
                <article className="thread-item">
                  <h3 className="thread-item__title">
                    <Link to={`/community/threads/${h.thread.id}`}>
                      <HighlightedText value={h.title} />
                    </Link>
                  </h3>
                  {h.snippet.text && h.collapsed ? (
                    // The thread or the matched post carries a warning this reader asked to be asked about: the words wait behind a click.
                    <details className="disclosure snippet-fold">
                      <summary>{t('community.search.showSnippet', { warnings: h.warnings.map((w) => t(`warnings.${w}`)).join(', ') })}</summary>
                      <p className="snippet">
                        <HighlightedText value={h.snippet} />
                      </p>
                    </details>
                  ) : h.snippet.text ? (
                    <p className="snippet">
                      <HighlightedText value={h.snippet} />
                    </p>
                  ) : null}
                  <p className="meta muted">
                    <span className="badge">{t(`community.kinds.${h.thread.kind}`)}</span>
                    {h.thread.warnings.length > 0 ? (
                      <span className="badge badge--warn">{t('community.warningBadge', { warnings: h.thread.warnings.map((w) => t(`warnings.${w}`)).join(', ') })}</span>
                    ) : null}
                    {spaceNames.get(h.thread.spaceId) ? <span>{t('community.inSpace', { space: spaceNames.get(h.thread.spaceId) })}</span> : null}
                    <span>{t('community.replies', { count: h.thread.replyCount })}</span>
                  </p>
                </article>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

export default function CommunitySearchPage() {
  return <RequireAuth>{() => <Search />}</RequireAuth>;
}
