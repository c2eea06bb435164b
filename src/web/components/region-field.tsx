import { useState, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { regionOptions } from '../lib/regions.js';
import { SelectField, type FieldBits } from './fields.js';

/** A country or region, named in the reader's language; the empty choice is "prefer not to say". */
export function RegionField(select: FieldBits & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'>) {
  const { t } = useTranslation();
  const [regions] = useState(regionOptions);
  return (
    <SelectField {...select}>
      <option value="">{t('auth.regionNone')}</option>
      {regions.map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}
        </option>
      ))}
    </SelectField>
  );
}
