// Node has no `i18n.getMessage`: pages and the background render from the English catalogue, as a
// browser in English does.
import english from '../../_locales/en/messages.json';
import { catalogueReader } from '../../src/core/message-catalogue.js';
import { useMessageSource } from '../../src/platform/i18n.js';

useMessageSource(catalogueReader(english));
