import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Me } from '../../../contracts/accounts.js';
import { SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import { i18n, regionName } from '../../lib/i18n.js';
import { COSTS, RESOURCE_KINDS, useResourceQueue, useResources, useSuggestResource, useVerifyResource, type ResourceInput, type ResourceView } from './api.js';

function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([i18n.language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** One directory entry with its verified date (or that it is not verified yet). */
export function ResourceCard({ r, action }: { r: ResourceView; action?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <article className="card stack">
      <h3>{r.name}</h3>
      <p className="meta">
        <span className="badge">{r.source === 'crisis_line' ? t('library.directory.crisisLine') : t(`library.kinds.${r.kind}`)}</span>
        <span className="badge">{t(`library.costs.${r.cost}`)}</span>
        <span>{r.region === 'INTL' ? 'International' : regionName(r.region)}</span>
        {r.verifiedAt ? (
          <span className="badge badge--ok">{t('library.directory.verified', { date: formatDate(r.verifiedAt) })}</span>
        ) : r.source === 'directory' ? (
          <span className="badge badge--warn">{t('library.directory.notVerified')}</span>
        ) : null}
        {r.stale ? <span className="badge badge--warn">{t('library.directory.stale')}</span> : null}
      </p>
      <p>{r.description}</p>
      {r.languages.length > 0 ? <p className="muted">{t('library.directory.languages', { list: r.languages.map(languageName).join(', ') })}</p> : null}
      {r.openingHours ? <p className="muted">{t('library.directory.hours', { hours: r.openingHours })}</p> : null}
      <p className="button-row">
        {r.phone ? <a href={`tel:${r.phone.replace(/[^+0-9]/g, '')}`}>{t('library.directory.phone', { phone: r.phone })}</a> : null}
        {r.url ? (
          <a href={r.url} target="_blank" rel="noopener noreferrer">
            {t('library.directory.website', { name: r.name })}
          </a>
        ) : null}
        {r.email ? <a href={`mailto:${r.email}`}>{t('library.directory.email')}</a> : null}
      </p>
      {action}
    </article>
  );
}

const FILTERS = ['region', 'kind', 'language', 'cost'] as const;

/** Filters kept in the address; the list with its verified dates; "Load more". */
export function DirectoryBrowser() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const current = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const [draft, setDraft] = useState(current);
  const { data, isPending, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useResources(current);
  const resources = data?.pages.flatMap((p) => p.resources) ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of FILTERS) if (draft[k].trim()) next.set(k, k === 'region' ? draft[k].trim().toUpperCase() : draft[k].trim());
    setParams(next);
  };

  return (
    <section className="stack" aria-labelledby="directory-list">
      <h2 id="directory-list">{t('library.directory.filters')}</h2>
      <form className="search-form" onSubmit={submit}>
        <div className="search-form__filters">
          <TextField label={t('library.directory.region')} hint={t('library.directory.regionHint')} value={draft.region} maxLength={4} onChange={(e) => setDraft({ ...draft, region: e.target.value })} />
          <SelectField label={t('library.directory.kind')} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
            <option value="">{t('library.directory.any')}</option>
            {RESOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`library.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('library.directory.language')} hint={t('library.directory.languageHint')} value={draft.language} maxLength={20} onChange={(e) => setDraft({ ...draft, language: e.target.value })} />
          <SelectField label={t('library.directory.cost')} value={draft.cost} onChange={(e) => setDraft({ ...draft, cost: e.target.value })}>
            <option value="">{t('library.directory.any')}</option>
            {COSTS.map((k) => (
              <option key={k} value={k}>
                {t(`library.costs.${k}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <button type="submit" className="button">
          {t('library.directory.apply')}
        </button>
      </form>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && resources.length === 0 ? <p className="muted">{t('library.directory.empty')}</p> : null}
      <ul className="plain-list stack">
        {resources.map((r) => (
          <li key={`${r.source}-${r.id}`}>
            <ResourceCard r={r} />
          </li>
        ))}
      </ul>
      {hasNextPage ? (
        <button type="button" className="button button--secondary" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
          {t('library.directory.loadMore')}
        </button>
      ) : null}
    </section>
  );
}

/** Suggest a resource: pending until a supervisor verifies it (a supervisor's own goes in verified). */
export function SuggestResource({ me }: { me: Me }) {
  const { t } = useTranslation();
  const suggest = useSuggestResource();
  const empty = { kind: 'therapist', name: '', region: me.region ?? '', languages: 'en', cost: 'free', phone: '', url: '', email: '', openingHours: '', description: '' };
  const [f, setF] = useState(empty);
  const [sent, setSent] = useState<ResourceView | null>(null);
  const err = suggest.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    const body: ResourceInput = {
      kind: f.kind as ResourceInput['kind'],
      name: f.name,
      region: f.region,
      languages: f.languages.split(',').map((l) => l.trim()).filter(Boolean),
      cost: f.cost as ResourceInput['cost'],
      description: f.description,
    };
    for (const k of ['phone', 'url', 'email', 'openingHours'] as const) {
      const v = opt(f[k]);
      if (v) body[k] = v;
    }
    suggest.mutate(body, {
      onSuccess: (r) => {
        setSent(r.resource);
        setF(empty);
      },
    });
  };
  return (
    <section className="stack" aria-labelledby="suggest-title">
      <h2 id="suggest-title">{t('library.suggest.title')}</h2>
      <p>{t('library.suggest.intro')}</p>
      {sent ? <SuccessNotice>{sent.status === 'verified' ? t('library.suggest.added') : t('library.suggest.sent')}</SuccessNotice> : null}
      <form className="stack" onSubmit={submit} noValidate>
        <ErrorNotice error={err} />
        <SelectField label={t('library.directory.kind')} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
          {RESOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`library.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('library.suggest.name')} value={f.name} required error={fieldError(err, 'name')} onChange={(e) => setF({ ...f, name: e.target.value })} />
        <TextField label={t('library.directory.region')} hint={t('library.directory.regionHint')} value={f.region} required error={fieldError(err, 'region')} onChange={(e) => setF({ ...f, region: e.target.value })} />
        <TextField label={t('library.suggest.languages')} hint={t('library.suggest.languagesHint')} value={f.languages} error={fieldError(err, 'languages')} onChange={(e) => setF({ ...f, languages: e.target.value })} />
        <SelectField label={t('library.directory.cost')} value={f.cost} onChange={(e) => setF({ ...f, cost: e.target.value })}>
          {COSTS.map((k) => (
            <option key={k} value={k}>
              {t(`library.costs.${k}`)}
            </option>
          ))}
        </SelectField>
        <p className="field__hint">{t('library.suggest.contactHint')}</p>
        {fieldError(err, 'contact') ? <p className="field__error">{fieldError(err, 'contact')}</p> : null}
        <TextField label={t('library.suggest.phone')} type="tel" value={f.phone} error={fieldError(err, 'phone')} onChange={(e) => setF({ ...f, phone: e.target.value })} />
        <TextField label={t('library.suggest.url')} type="url" value={f.url} error={fieldError(err, 'url')} onChange={(e) => setF({ ...f, url: e.target.value })} />
        <TextField label={t('library.suggest.email')} type="email" value={f.email} error={fieldError(err, 'email')} onChange={(e) => setF({ ...f, email: e.target.value })} />
        <TextField label={t('library.suggest.openingHours')} value={f.openingHours} error={fieldError(err, 'openingHours')} onChange={(e) => setF({ ...f, openingHours: e.target.value })} />
        <TextAreaField label={t('library.suggest.description')} value={f.description} rows={3} required error={fieldError(err, 'description')} onChange={(e) => setF({ ...f, description: e.target.value })} />
        <button type="submit" className="button" disabled={suggest.isPending}>
          {t('library.suggest.submit')}
        </button>
      </form>
    </section>
  );
}

/** Supervisors: suggestions waiting and entries due a new check, each with "Mark verified today". */
export function ResourceQueues() {
  const { t } = useTranslation();
  const pending = useResourceQueue('pending', true);
  const stale = useResourceQueue('stale', true);
  const verify = useVerifyResource();
  const list = (title: string, emptyText: string, q: typeof pending) => (
    <section className="stack">
      <h2>{title}</h2>
      {q.isPending ? <Loading /> : null}
      <ErrorNotice error={q.error} />
      {q.data && q.data.length === 0 ? <p className="muted">{emptyText}</p> : null}
      <ul className="plain-list stack">
        {q.data?.map((r) => (
          <li key={r.id}>
            <ResourceCard
              r={r}
              action={
                <button type="button" className="button button--secondary button--small" disabled={verify.isPending} onClick={() => verify.mutate(r.id)}>
                  {t('library.directory.verify')} <span className="visually-hidden">({r.name})</span>
                </button>
              }
            />
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <>
      <ErrorNotice error={verify.error} />
      {list(t('library.directory.pendingTitle'), t('library.directory.pendingEmpty'), pending)}
      {list(t('library.directory.staleTitle'), t('library.directory.staleEmpty'), stale)}
    </>
  );
}
