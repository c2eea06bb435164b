import { i18n } from '../lib/i18n.js';
import enMentoring from './en-mentoring.js';

/**
 * Adds the peer support (one-to-one mentoring) messages to the catalog. Imported for its effect by
 * the mentoring feature, so the messages arrive with its lazy chunks and never weigh on the first
 * page. A new language adds its file here.
 */
i18n.addResourceBundle('en', 'translation', enMentoring, true, false);
