/**
 * Finds text a user could read that is written into the code instead of coming from the message
 * catalogue. Two rules over the TypeScript AST of a file:
 *  - a *sink* (`text:` of el(), `.textContent =`, `.title =`, `setAttribute('aria-label', …)`,
 *    `button(doc, label, …)`, `createTextNode(…)`, a toolbar view's `title:` …) may receive text only
 *    from calls (`t()`, `toDisplayHost()`) and variables, never from a literal with a letter in it;
 *  - anywhere else, a literal that reads like words (two words, a capitalised word, a sentence) is
 *    text for people, unless its place says otherwise (a class name, a selector, an error for
 *    developers, a comparison, a catalogue key, CSS, an SVG path).
 */
import ts from 'typescript';

export interface LiteralFinding {
  readonly line: number;
  readonly text: string;
  readonly rule: 'sink' | 'words';
}

/** Names shown as they are in every language. */
const ALLOWED = new Set(['WebAssembly', 'Snowman']);

/** Attributes whose value is read by people (or read aloud). */
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-valuetext', 'aria-description', 'title', 'alt', 'placeholder']);
/** Properties of elements (and of the toolbar view) that people read. */
const TEXT_PROPERTIES = new Set(['textContent', 'innerText', 'title', 'placeholder', 'alt', 'text']);
/** Functions whose given argument (by index) is shown as text. */
const TEXT_CALLS: Readonly<Record<string, number>> = { button: 1, createTextNode: 0, say: 0, lockNote: 2, text: 2 };

/** Calls whose arguments are never shown: the catalogue, the DOM's plumbing, developers' messages. */
const QUIET_CALLS = new Set([
  't',
  'tCount',
  'querySelector',
  'querySelectorAll',
  'getElementById',
  'closest',
  'matches',
  'createElement',
  'createElementNS',
  'addEventListener',
  'removeEventListener',
  'getAttribute',
  'hasAttribute',
  'removeAttribute',
  'add',
  'remove',
  'toggle',
  'contains',
  'request',
  'startsWith',
  'endsWith',
  'includes',
  'split',
  'join',
  'replace',
  'warn',
  'logError',
  'logWarning',
  'error',
  'log',
  'debug',
  'info',
  'Error',
  'TypeError',
  'RangeError',
]);
/** Properties whose values are code, not text. */
const QUIET_PROPERTIES = new Set(['className', 'id', 'type', 'name', 'accept', 'role', 'cssText', 'href', 'download']);

function reads(text: string): boolean {
  const trimmed = text.trim();
  if (!/\p{L}{2}/u.test(trimmed)) return false;
  if (ALLOWED.has(trimmed)) return false;
  if (/[a-z-]+\s*:\s*[^;]+;/.test(trimmed) || trimmed.includes('!important')) return false; // CSS
  if (/^[MmLlHhVvCcSsQqTtAaZz0-9 .,-]+$/.test(trimmed)) return false; // SVG path data
  const words = trimmed.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length >= 2) return true;
  return /^\p{Lu}\p{Ll}/u.test(trimmed) || /[.!?…]$/.test(trimmed);
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

function literalTexts(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  return [];
}

/** Literal text that flows into a sink through `node` (not through calls, which compute their own). */
function sinkLiterals(node: ts.Node): string[] {
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return [];
  const own = literalTexts(node).filter((text) => /\p{L}/u.test(text) && !ALLOWED.has(text.trim()));
  if (ts.isTemplateExpression(node))
    return [...own, ...node.templateSpans.flatMap((span) => sinkLiterals(span.expression))];
  if (own.length > 0) return own;
  if (ts.isConditionalExpression(node)) return [...sinkLiterals(node.whenTrue), ...sinkLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) return [...sinkLiterals(node.left), ...sinkLiterals(node.right)];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return sinkLiterals(node.expression);
  return [];
}

/** The expressions of `node` that are shown to people, if it is a sink. */
function sinkValues(node: ts.Node): ts.Node[] {
  if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && TEXT_PROPERTIES.has(node.name.text))
    return [node.initializer];
  if (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(node.left) &&
    TEXT_PROPERTIES.has(node.left.name.text)
  )
    return [node.right];
  if (ts.isCallExpression(node)) {
    const name = calleeName(node);
    if (name === 'setAttribute') {
      const [attribute, value] = node.arguments;
      if (attribute && value && ts.isStringLiteral(attribute) && TEXT_ATTRIBUTES.has(attribute.text)) return [value];
    }
    const index = TEXT_CALLS[name];
    if (index !== undefined && node.arguments[index]) return [node.arguments[index]];
    if (name === 'append' || name === 'prepend' || name === 'replaceChildren') return [...node.arguments];
  }
  return [];
}

/** Arguments that are never shown: of the quiet calls, button()'s class, a non-text attribute's value. */
function quietArgument(call: ts.CallExpression | ts.NewExpression, arg: ts.Node): boolean {
  const name = calleeName(call);
  if (QUIET_CALLS.has(name)) return true;
  const index = call.arguments?.indexOf(arg as ts.Expression) ?? -1;
  if (name === 'button') return index >= 2;
  if (name === 'setAttribute') {
    const attribute = call.arguments?.[0];
    return index === 0 || !(attribute && ts.isStringLiteral(attribute) && TEXT_ATTRIBUTES.has(attribute.text));
  }
  return false;
}

/** True when the literal's place says it is code, not text for people. */
function quietPlace(node: ts.Node): boolean {
  for (let at: ts.Node = node; at.parent; at = at.parent) {
    const parent = at.parent;
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent)) return true;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && at !== parent.expression)
      return quietArgument(parent, at);
    if (ts.isPropertyAssignment(parent) && at === parent.initializer && ts.isIdentifier(parent.name))
      return QUIET_PROPERTIES.has(parent.name.text);
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.InKeyword
      )
        return true;
      if (
        op === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(parent.left) &&
        QUIET_PROPERTIES.has(parent.left.name.text)
      )
        return true;
    }
    if (ts.isCaseClause(parent) || ts.isElementAccessExpression(parent) || ts.isThrowStatement(parent)) return true;
    if (ts.isPropertyAssignment(parent) && at === parent.name) return true;
    if (ts.isStatement(parent)) return false;
  }
  return false;
}

/** Every literal in `source` (a .ts file's text) that a user could read. */
export function findUiLiterals(source: string, fileName = 'file.ts'): LiteralFinding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const findings: LiteralFinding[] = [];
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const visit = (node: ts.Node): void => {
    for (const value of sinkValues(node))
      for (const text of sinkLiterals(value)) findings.push({ line: lineOf(value), text, rule: 'sink' });
    if (literalTexts(node).some(reads) && !quietPlace(node))
      findings.push({ line: lineOf(node), text: literalTexts(node).join('…'), rule: 'words' });
    ts.forEachChild(node, visit);
  };
  visit(file);
  // One literal can break both rules: report each line once.
  return findings.filter((f, i) => findings.findIndex((g) => g.line === f.line) === i);
}

/** Text in an HTML file's body or title that is not filled from the catalogue (`data-i18n`). */
export function findHtmlLiterals(html: string): string[] {
  const found: string[] = [];
  const withoutScripts = html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, '');
  // An element marked data-i18n has its text replaced at start: what it holds in the file does not count.
  const unmarked = withoutScripts.replace(/<(\w+)[^>]*\sdata-i18n="[^"]+"[^>]*>[\s\S]*?<\/\1>/g, '');
  for (const match of unmarked.matchAll(/>([^<]+)</g)) {
    const text = match[1]!.trim();
    if (/\p{L}/u.test(text)) found.push(text);
  }
  for (const match of unmarked.matchAll(/\s(?:aria-label|title|alt|placeholder)="([^"]*\p{L}[^"]*)"/gu))
    found.push(match[1]!);
  return found;
}
