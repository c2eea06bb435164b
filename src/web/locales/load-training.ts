import { i18n } from '../lib/i18n.js';
import enTraining from './en-training.js';

/**
 * Adds the training and certification messages to the catalog. Imported for its effect by the
 * training feature, so the messages arrive with its lazy chunks and never weigh on the first page.
 * A new language adds its file here.
 */
i18n.addResourceBundle('en', 'translation', enTraining, true, false);
