import { i18n } from '../lib/i18n.js';
import enSupervision from './en-supervision.js';

/**
 * Adds the supervision messages (dashboard, supporter pages, assignments, my supervision) to the
 * catalog. Imported for its effect by the supervision feature's api, so the messages arrive with
 * its lazy chunks and never weigh on the first page. A new language adds its file here.
 */
i18n.addResourceBundle('en', 'translation', enSupervision, true, false);
