/**
 * Labels of popular sites that are ordinary words or infrastructure terms, not brands: "cloud"
 * in secure-cloud.pro says nothing about cloud.microsoft. They are neither searched as brands nor
 * typosquat targets. Chosen from the false positives measured on the benign tuning lists
 * (scripts/measure-lookalike-fpr.ts; docs/lookalike.md), plus the labels that are themselves
 * top-level-domain words (com.be, inc.com).
 */
export const GENERIC_LABELS: ReadonlySet<string> = new Set([
  // top-level-domain and company-form words, and the names reserved for examples (RFC 2606)
  'com', 'net', 'org', 'info', 'biz', 'inc', 'ltd', 'gmbh', 'example',
  // infrastructure terms
  'api', 'app', 'cdn', 'dns', 'ssl', 'sec', 'static', 'cloud', 'site', 'web', 'test', 'admin', 'code', 'box', 'bit', 'data', 'host', 'server', 'tracker', 'hybrid',
  // everyday words and places that popular sites happen to own
  'news', 'media', 'shop', 'blog', 'home', 'homes', 'house', 'live', 'mail', 'mobile', 'money', 'sport', 'digital', 'today', 'express', 'state',
  'time', 'education', 'share', 'space', 'action', 'max', 'one', 'auto', 'china', 'india', 'people', 'academy', 'clean', 'unity', 'remove', 'branch',
  'rings', 'tally', 'simpli', 'banki', 'tbank', 'passport', 'science', 'history', 'energy', 'focus', 'core', 'work', 'script', 'trip', 'salon',
  'goal', 'change', 'labs', 'safety', 'justice', 'stuff', 'real', 'next', 'index', 'sky', 'note', 'like', 'line', 'sun', 'king', 'force', 'seed',
  'bunny', 'free', 'online', 'games', 'game', 'video', 'music', 'store', 'market', 'bank', 'pay', 'wallet', 'support', 'login', 'account',
]);
