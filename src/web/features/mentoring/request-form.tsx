import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../contracts/accounts.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError } from '../../components/status.js';
import { useAskForSupport, type RequestCreatedResult } from './api.js';
import { GENDERS, LIMITS, type ExperienceTag, type SupporterGender } from './model.js';
import { parseLanguages, TagCheckboxes } from './tag-checkboxes.js';

export interface PastSupporter {
  id: string;
  handle: string;
}

/**
 * "Talk to a peer supporter": a few words about what is on the member's mind and a few optional
 * preferences. Every preference narrows who can be asked, so each hint says what it costs.
 */
export function RequestForm({ me, pastSupporters, onAsked }: { me: Me; pastSupporters: PastSupporter[]; onAsked(r: RequestCreatedResult): void }) {
  const { t } = useTranslation();
  const ask = useAskForSupport(onAsked);
  const [topic, setTopic] = useState('');
  const [tags, setTags] = useState<ExperienceTag[]>([]);
  const [languages, setLanguages] = useState(me.languages.join(', '));
  const [gender, setGender] = useState<SupporterGender | ''>('');
  const [overlap, setOverlap] = useState(false);
  const [preferred, setPreferred] = useState('');
  const err = ask.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate(
      {
        topic: topic.trim(),
        preferences: {
          experienceTags: tags,
          languages: parseLanguages(languages),
          supporterGender: gender || null,
          timeZoneOverlap: overlap && !!me.timeZone,
        },
        ...(preferred ? { preferredSupporterId: preferred } : {}),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="ask-title">
      <h2 id="ask-title">{t('mentoring.ask.title')}</h2>
      <p>{t('mentoring.ask.intro')}</p>
      <ErrorNotice error={err} />
      <TextAreaField
        label={t('mentoring.ask.topic')}
        hint={t('mentoring.ask.topicHint', { min: LIMITS.topicMin, max: LIMITS.topicMax })}
        error={fieldError(err, 'topic', t('mentoring.subjects.topic'))}
        name="topic"
        rows={4}
        maxLength={LIMITS.topicMax}
        required
        value={topic}
        onChange={(e) => setTopic(e.target.value)}
      />
      <details className="disclosure">
        <summary>{t('mentoring.ask.preferences')}</summary>
        <p className="muted">{t('mentoring.ask.preferencesIntro')}</p>
        <TagCheckboxes
          legend={t('mentoring.ask.tags')}
          hint={t('mentoring.ask.tagsHint')}
          error={fieldError(err, 'preferences.experienceTags', t('mentoring.subjects.tags'))}
          value={tags}
          max={LIMITS.experienceTagsMax}
          onChange={setTags}
        />
        <TextField
          label={t('mentoring.ask.languages')}
          hint={t('mentoring.ask.languagesHint')}
          error={fieldError(err, 'preferences.languages', t('mentoring.subjects.languages'))}
          name="languages"
          autoCapitalize="none"
          spellCheck={false}
          value={languages}
          onChange={(e) => setLanguages(e.target.value)}
        />
        <SelectField
          label={t('mentoring.ask.gender')}
          hint={t('mentoring.ask.genderHint')}
          error={fieldError(err, 'preferences.supporterGender')}
          name="gender"
          value={gender}
          onChange={(e) => setGender(e.target.value as SupporterGender | '')}
        >
          <option value="">{t('mentoring.ask.genderAny')}</option>
          {GENDERS.map((g) => (
            <option key={g} value={g}>
              {t(`mentoring.genders.${g}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          label={t('mentoring.ask.overlap')}
          hint={
            me.timeZone ? (
              t('mentoring.ask.overlapHint', { zone: me.timeZone.replace(/_/g, ' ') })
            ) : (
              <>
                {t('mentoring.ask.overlapNoZone')} <Link to="/profile">{t('mentoring.ask.overlapProfileLink')}</Link>
              </>
            )
          }
          disabled={!me.timeZone}
          checked={overlap && !!me.timeZone}
          onChange={(e) => setOverlap(e.target.checked)}
        />
      </details>
      {pastSupporters.length > 0 ? (
        <SelectField
          label={t('mentoring.ask.again')}
          hint={t('mentoring.ask.againHint')}
          error={fieldError(err, 'preferredSupporterId')}
          name="preferredSupporterId"
          value={preferred}
          onChange={(e) => setPreferred(e.target.value)}
        >
          <option value="">{t('mentoring.ask.againNone')}</option>
          {pastSupporters.map((s) => (
            <option key={s.id} value={s.id}>
              {t('mentoring.ask.againOption', { handle: s.handle })}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={ask.isPending}>
          {ask.isPending ? t('mentoring.ask.submitting') : t('mentoring.ask.submit')}
        </button>
      </div>
    </form>
  );
}
