import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../contracts/accounts.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, SuccessNotice } from '../../components/status.js';
import { browserTimeZone, timeZones } from '../../lib/regions.js';
import { useSaveSupporterProfile, type SafetyNotice, type SupporterProfileView } from './api.js';
import { AvailabilityEditor, newRow, rowProblem, toRows, toWindows, type WindowRow } from './availability-editor.js';
import { GENDERS, LIMITS, type SupporterGender } from './model.js';
import { knownTags, parseLanguages, TagCheckboxes } from './tag-checkboxes.js';

export type SavedNotices = { field: 'intro' | 'autoReply' | 'awayMessage' | 'canHelpWith' | 'cannotHelpWith'; notice: SafetyNotice }[];

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** ISO instant → the value of a datetime-local input in this browser's zone ("2026-03-01T09:00"). */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The supporter's own profile: what they have lived through, when they are around, how many people
 * they can walk beside at once, and away mode. Members see it by handle only.
 */
export function SupporterProfileForm({ me, profile, onSaved }: { me: Me; profile: SupporterProfileView | null; onSaved(notices: SavedNotices): void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveSupporterProfile();
  const [tags, setTags] = useState(() => knownTags(profile?.experienceTags ?? me.experienceTags));
  const [languages, setLanguages] = useState(() => (profile?.languages ?? (me.languages.length ? me.languages : [i18n.language.split('-')[0] ?? 'en'])).join(', '));
  const [timeZone, setTimeZone] = useState(profile?.timeZone ?? me.timeZone ?? browserTimeZone() ?? 'UTC');
  const [rows, setRows] = useState<WindowRow[]>(() => (profile ? toRows(profile.availability) : [newRow(1), newRow(3)]));
  const [capacity, setCapacity] = useState(String(profile?.capacity ?? 2));
  const [canHelpWith, setCanHelpWith] = useState(profile?.canHelpWith ?? '');
  const [cannotHelpWith, setCannotHelpWith] = useState(profile?.cannotHelpWith ?? '');
  const [intro, setIntro] = useState(profile?.intro ?? '');
  const [gender, setGender] = useState<SupporterGender | ''>(profile?.gender ?? '');
  const [autoReply, setAutoReply] = useState(profile?.autoReply ?? '');
  const [accepting, setAccepting] = useState(profile?.accepting ?? true);
  const [away, setAway] = useState(!!profile?.away);
  const [awayUntil, setAwayUntil] = useState(profile?.away ? toLocalInput(profile.away.until) : '');
  const [awayMessage, setAwayMessage] = useState(profile?.away?.message ?? '');
  const [zones] = useState(timeZones);
  const [checked, setChecked] = useState(false);
  const [awayMissing, setAwayMissing] = useState(false);
  const err = save.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    const untilDate = awayUntil ? new Date(awayUntil) : null;
    const awayInvalid = away && (!untilDate || Number.isNaN(untilDate.getTime()));
    setAwayMissing(awayInvalid);
    if (rows.some((r) => rowProblem(r)) || awayInvalid) return;
    save.mutate(
      {
        experienceTags: tags,
        languages: parseLanguages(languages),
        timeZone,
        availability: toWindows(rows),
        capacity: Number(capacity),
        canHelpWith: orNull(canHelpWith),
        cannotHelpWith: orNull(cannotHelpWith),
        intro: orNull(intro),
        gender: gender || null,
        autoReply: orNull(autoReply),
        accepting,
        away: away && untilDate ? { until: untilDate.toISOString(), message: orNull(awayMessage) } : null,
      },
      { onSuccess: (r) => onSaved(r.notices) },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="supporter-profile">
      <ErrorNotice error={err} />
      {save.isSuccess && !save.isPending ? <SuccessNotice>{t('mentoring.profile.saved')}</SuccessNotice> : null}

      <h2>{t('mentoring.profile.sectionExperience')}</h2>
      <TagCheckboxes
        legend={t('mentoring.profile.tags')}
        hint={t('mentoring.profile.tagsHint')}
        error={fieldError(err, 'experienceTags', t('mentoring.subjects.tags'))}
        value={tags}
        max={LIMITS.experienceTagsMax}
        onChange={setTags}
      />
      <TextAreaField
        label={t('mentoring.profile.canHelpWith')}
        hint={t('mentoring.profile.canHelpWithHint')}
        error={fieldError(err, 'canHelpWith', t('mentoring.subjects.text'))}
        rows={3}
        maxLength={LIMITS.helpWithMax}
        value={canHelpWith}
        onChange={(e) => setCanHelpWith(e.target.value)}
      />
      <TextAreaField
        label={t('mentoring.profile.cannotHelpWith')}
        hint={t('mentoring.profile.cannotHelpWithHint')}
        error={fieldError(err, 'cannotHelpWith', t('mentoring.subjects.text'))}
        rows={3}
        maxLength={LIMITS.helpWithMax}
        value={cannotHelpWith}
        onChange={(e) => setCannotHelpWith(e.target.value)}
      />
      {profile?.introState === 'pending' ? (
        <div className="notice">
          <p>{t('mentoring.profile.introPending')}</p>
        </div>
      ) : null}
      <TextAreaField
        label={t('mentoring.profile.intro')}
        hint={t('mentoring.profile.introHint', { max: LIMITS.introMax })}
        error={fieldError(err, 'intro', t('mentoring.subjects.text'))}
        rows={4}
        maxLength={LIMITS.introMax}
        value={intro}
        onChange={(e) => setIntro(e.target.value)}
      />
      <SelectField
        label={t('mentoring.profile.gender')}
        hint={t('mentoring.profile.genderHint')}
        error={fieldError(err, 'gender')}
        value={gender}
        onChange={(e) => setGender(e.target.value as SupporterGender | '')}
      >
        <option value="">{t('mentoring.profile.genderNone')}</option>
        {GENDERS.map((g) => (
          <option key={g} value={g}>
            {t(`mentoring.genders.${g}`)}
          </option>
        ))}
      </SelectField>

      <h2>{t('mentoring.profile.sectionTime')}</h2>
      <TextField
        label={t('mentoring.profile.languages')}
        hint={t('mentoring.profile.languagesHint')}
        error={fieldError(err, 'languages', t('mentoring.subjects.languages'))}
        autoCapitalize="none"
        spellCheck={false}
        value={languages}
        onChange={(e) => setLanguages(e.target.value)}
      />
      <SelectField
        label={t('mentoring.profile.timeZone')}
        hint={t('mentoring.profile.timeZoneHint')}
        error={fieldError(err, 'timeZone', t('mentoring.subjects.timeZone'))}
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
      >
        {(zones.includes(timeZone) ? zones : [timeZone, ...zones]).map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </SelectField>
      <AvailabilityEditor
        rows={rows}
        onChange={setRows}
        showProblems={checked}
        serverError={(i) => fieldError(err, `availability.${i}`)}
      />

      <h2>{t('mentoring.profile.sectionBoundaries')}</h2>
      <TextField
        label={t('mentoring.profile.capacity')}
        hint={t('mentoring.profile.capacityHint', { min: LIMITS.capacityMin, max: LIMITS.capacityMax })}
        error={fieldError(err, 'capacity', t('mentoring.subjects.capacity'))}
        type="number"
        inputMode="numeric"
        min={LIMITS.capacityMin}
        max={LIMITS.capacityMax}
        value={capacity}
        onChange={(e) => setCapacity(e.target.value)}
      />
      <CheckboxField
        label={t('mentoring.profile.accepting')}
        hint={t('mentoring.profile.acceptingHint')}
        checked={accepting}
        onChange={(e) => setAccepting(e.target.checked)}
      />
      {profile?.autoReplyState === 'pending' ? (
        <div className="notice">
          <p>{t('mentoring.profile.autoReplyPending')}</p>
        </div>
      ) : null}
      <TextAreaField
        label={t('mentoring.profile.autoReply')}
        hint={t('mentoring.profile.autoReplyHint')}
        error={fieldError(err, 'autoReply', t('mentoring.subjects.text'))}
        rows={3}
        maxLength={LIMITS.autoReplyMax}
        value={autoReply}
        onChange={(e) => setAutoReply(e.target.value)}
      />
      <fieldset>
        <legend>{t('mentoring.profile.awayTitle')}</legend>
        <CheckboxField
          label={t('mentoring.profile.away')}
          hint={t('mentoring.profile.awayHint')}
          checked={away}
          onChange={(e) => setAway(e.target.checked)}
        />
        {away ? (
          <>
            <TextField
              label={t('mentoring.profile.awayUntil')}
              hint={t('mentoring.profile.awayUntilHint')}
              error={awayMissing ? t('mentoring.profile.awayUntilMissing') : fieldError(err, 'away.until')}
              type="datetime-local"
              required
              value={awayUntil}
              onChange={(e) => setAwayUntil(e.target.value)}
            />
            <TextAreaField
              label={t('mentoring.profile.awayMessage')}
              hint={t('mentoring.profile.awayMessageHint')}
              error={fieldError(err, 'away.message', t('mentoring.subjects.text'))}
              rows={2}
              maxLength={LIMITS.awayMessageMax}
              value={awayMessage}
              onChange={(e) => setAwayMessage(e.target.value)}
            />
          </>
        ) : null}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('mentoring.profile.saving') : t('mentoring.profile.save')}
        </button>
      </div>
    </form>
  );
}
