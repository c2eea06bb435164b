import { i18n } from '../lib/i18n.js';
import enEmpathy from './en-empathy.js';

/**
 * Adds the empathy feedback messages to the catalog. Imported for its effect by the feedback
 * panel, so the messages arrive with its lazy chunk and never weigh on the first page.
 * A new language adds its file here.
 */
i18n.addResourceBundle('en', 'translation', enEmpathy, true, false);
