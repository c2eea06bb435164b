import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPERIENCE_TAGS, MESSAGE_POLICIES, type Me, type SafetyNotice } from '../../../contracts/accounts.js';
import { LIMITS } from '../../../contracts/limits.js';
import { SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, SuccessNotice } from '../../components/status.js';
import { RegionField } from '../../components/region-field.js';
import { timeZones } from '../../lib/regions.js';
import { useUpdateProfile, type ProfileUpdate } from './api.js';

const orNull = (s: string) => (s.trim() ? s.trim() : null);

export function ProfileForm({ me, onSaved }: { me: Me; onSaved(safety: SafetyNotice | null): void }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const [pronouns, setPronouns] = useState(me.pronouns ?? '');
  const [region, setRegion] = useState(me.region ?? '');
  const [timeZone, setTimeZone] = useState(me.timeZone ?? '');
  const [languages, setLanguages] = useState(me.languages.join(', '));
  const [tags, setTags] = useState<string[]>(me.experienceTags);
  const [experienceNote, setExperienceNote] = useState(me.experienceNote ?? '');
  const [bio, setBio] = useState(me.bio ?? '');
  const [messagePolicy, setMessagePolicy] = useState<Me['messagePolicy']>(me.messagePolicy);
  const [email, setEmail] = useState(me.email ?? '');
  const [zones] = useState(timeZones);
  const err = update.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: ProfileUpdate = {
      pronouns: orNull(pronouns),
      region: region || null,
      timeZone: timeZone || null,
      languages: languages
        .split(/[,\s]+/)
        .map((l) => l.trim())
        .filter(Boolean),
      experienceTags: tags,
      experienceNote: orNull(experienceNote),
      bio: orNull(bio),
      messagePolicy,
      email: orNull(email),
    };
    update.mutate(body, { onSuccess: (saved) => onSaved(saved.safety) });
  };

  const toggleTag = (tag: string, on: boolean) => setTags((prev) => (on ? [...prev, tag] : prev.filter((x) => x !== tag)));
  const tagsError = fieldError(err, 'experienceTags', t('subjects.experienceTags'));

  return (
    <form onSubmit={submit} noValidate>
      <ErrorNotice error={err} />
      {update.isSuccess && !update.isPending ? <SuccessNotice>{t('profile.saved')}</SuccessNotice> : null}
      <p className="muted">{t('profile.handleLabel', { handle: me.handle })}</p>
      <TextField
        label={t('profile.pronouns')}
        hint={t('profile.pronounsHint')}
        error={fieldError(err, 'pronouns', t('subjects.pronouns'))}
        name="pronouns"
        maxLength={LIMITS.pronounsMax}
        value={pronouns}
        onChange={(e) => setPronouns(e.target.value)}
      />
      <RegionField
        label={t('profile.region')}
        hint={t('profile.regionHint')}
        error={fieldError(err, 'region', t('subjects.region'))}
        name="region"
        value={region}
        onChange={(e) => setRegion(e.target.value)}
      />
      <SelectField
        label={t('profile.timeZone')}
        hint={t('profile.timeZoneHint')}
        error={fieldError(err, 'timeZone', t('subjects.timeZone'))}
        name="timeZone"
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
      >
        <option value="">{t('profile.timeZoneNone')}</option>
        {(timeZone && !zones.includes(timeZone) ? [timeZone, ...zones] : zones).map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('profile.languages')}
        hint={t('profile.languagesHint')}
        error={fieldError(err, 'languages', t('subjects.languages'))}
        name="languages"
        autoCapitalize="none"
        spellCheck={false}
        value={languages}
        onChange={(e) => setLanguages(e.target.value)}
      />
      <fieldset aria-describedby="tags-hint" aria-invalid={tagsError ? true : undefined}>
        <legend>{t('profile.experienceTags')}</legend>
        <p className="field__hint" id="tags-hint">
          {t('profile.experienceTagsHint')}
        </p>
        {tagsError ? <p className="field__error">{tagsError}</p> : null}
        <div className="check-grid">
          {EXPERIENCE_TAGS.map((tag) => (
            <div className="check" key={tag}>
              <input
                type="checkbox"
                id={`tag-${tag}`}
                checked={tags.includes(tag)}
                disabled={!tags.includes(tag) && tags.length >= LIMITS.experienceTagsMax}
                onChange={(e) => toggleTag(tag, e.target.checked)}
              />
              <label htmlFor={`tag-${tag}`}>{t(`tags.${tag}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextField
        label={t('profile.experienceNote')}
        hint={t('profile.experienceNoteHint')}
        error={fieldError(err, 'experienceNote', t('subjects.experienceNote'))}
        name="experienceNote"
        maxLength={LIMITS.experienceNoteMax}
        value={experienceNote}
        onChange={(e) => setExperienceNote(e.target.value)}
      />
      {me.bioPending ? (
        <div className="notice">
          <p>{t('profile.bioPending')}</p>
        </div>
      ) : null}
      <TextAreaField
        label={t('profile.bio')}
        hint={t('profile.bioHint')}
        error={fieldError(err, 'bio', t('subjects.bio'))}
        name="bio"
        maxLength={LIMITS.bioMax}
        value={bio}
        onChange={(e) => setBio(e.target.value)}
      />
      <fieldset>
        <legend>{t('profile.messagePolicy')}</legend>
        {MESSAGE_POLICIES.map((p) => (
          <div className="check" key={p}>
            <input
              type="radio"
              name="messagePolicy"
              id={`mp-${p}`}
              value={p}
              checked={messagePolicy === p}
              onChange={() => setMessagePolicy(p)}
            />
            <label htmlFor={`mp-${p}`}>{t(`messagePolicy.${p}`)}</label>
          </div>
        ))}
      </fieldset>
      <TextField
        label={t('profile.email')}
        hint={t('profile.emailHint')}
        error={fieldError(err, 'email', t('subjects.email'))}
        type="email"
        name="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? t('profile.saving') : t('profile.save')}
        </button>
      </div>
    </form>
  );
}
