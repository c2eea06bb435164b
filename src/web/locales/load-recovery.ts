import { i18n } from '../lib/i18n.js';
import enRecovery from './en-recovery.js';

/**
 * Adds the library (strategies, directory) and recovery messages to the catalog. Imported for its
 * effect by those features, so the messages arrive with their lazy chunks and never weigh on the
 * first page. A new language adds its file here.
 */
i18n.addResourceBundle('en', 'translation', enRecovery, true, false);
