/**
 * Words phishing names pair with a brand to make the visit feel urgent or official. On their
 * own they mean nothing (support.example.org is fine); next to a brand they turn "mentions
 * PayPal" into "pretends to be PayPal's login". Strong words ask for credentials, money or a
 * wallet; weak ones (support, service, portal…) also fill the names of fan sites and the brands'
 * own service domains, so they weigh less.
 */

/** Found anywhere in the name: long enough not to occur by accident inside other words. */
export const STRONG_SUBSTRINGS = [
  'login',
  'logon',
  'signin',
  'signon',
  'verify',
  'verification',
  'validate',
  'validation',
  'confirm',
  'account',
  'wallet',
  'airdrop',
  'recover',
  'restore',
  'unlock',
  'suspend',
  'billing',
  'invoice',
  'payment',
  'refund',
  'password',
  'authenticat',
  'webscr',
  'reactivat',
  'checkpoint',
  'whitelist',
  'secure',
  'security',
  'claim',
  'appeal',
] as const;
export const WEAK_SUBSTRINGS = [
  'support',
  'update',
  'service',
  'customer',
  'helpdesk',
  'bonus',
  'reward',
  'giveaway',
  'promo',
  'giftcard',
  'prize',
  'winner',
  'lottery',
  'delivery',
  'tracking',
  'parcel',
  'shipping',
  'official',
  'alert',
  'notice',
  'portal',
  'activate',
  'activation',
  'session',
  'connect',
  'presale',
  'locked',
  'unblock',
  'copyright',
  'violation',
] as const;

/** Matched only as a whole hyphen- or dot-separated token: too short to search inside words. */
const STRONG_TOKENS = new Set([
  'id',
  'sso',
  'auth',
  'mfa',
  '2fa',
  'otp',
  'kyc',
  'verif',
  'seed',
  'phrase',
  'signin',
  'login',
]);
const WEAK_TOKENS = new Set([
  'help',
  'sync',
  'mint',
  'gift',
  'pay',
  'reset',
  'check',
  'swap',
  'stake',
  'bridge',
  'dapp',
]);

export interface RiskWords {
  readonly strong: readonly string[];
  readonly weak: readonly string[];
}

export const NO_RISK: RiskWords = { strong: [], weak: [] };

// One alternation per tier: most names contain none of the words, and one regex test says so
// faster than thirty includes() calls.
const STRONG_ANY = new RegExp(STRONG_SUBSTRINGS.join('|'));
const WEAK_ANY = new RegExp(WEAK_SUBSTRINGS.join('|'));

function collect(
  name: string,
  tokens: readonly string[],
  substrings: readonly string[],
  any: RegExp,
  whole: ReadonlySet<string>,
): string[] {
  const found: string[] = [];
  if (any.test(name)) for (const word of substrings) if (name.includes(word)) found.push(word);
  for (const token of tokens) if (whole.has(token) && !found.includes(token)) found.push(token);
  return found;
}

/** Risk words in `name` (the host without its suffix), given its tokens. */
export function findRiskWords(name: string, tokens: readonly string[]): RiskWords {
  return {
    strong: collect(name, tokens, STRONG_SUBSTRINGS, STRONG_ANY, STRONG_TOKENS),
    weak: collect(name, tokens, WEAK_SUBSTRINGS, WEAK_ANY, WEAK_TOKENS),
  };
}

/** The risk words that are not part of the brand's own name (paypal's "pay" is no risk). */
export function riskOutside(risk: RiskWords, brandName: string): RiskWords {
  return {
    strong: risk.strong.filter((word) => !brandName.includes(word)),
    weak: risk.weak.filter((word) => !brandName.includes(word)),
  };
}
