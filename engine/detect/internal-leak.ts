/**
 * Finds internals an (error) body leaks: stack traces, SQL, server file paths, framework debug pages
 * (OWASP API3/API8). Pure: text in, findings out; at most one finding per kind, the first pattern that hits.
 */

export type InternalLeakKind = 'stack-trace' | 'sql' | 'file-path' | 'debug-page';

export interface InternalLeak {
  kind: InternalLeakKind;
  /** A short excerpt (at most EVIDENCE_MAX_CHARS) of the matched text, whitespace collapsed. */
  evidence: string;
}

export const EVIDENCE_MAX_CHARS = 120;
/** Each text view of the body is scanned up to this length, so a huge body costs a bounded time. */
const SCAN_MAX_CHARS = 300_000;

const SOURCE_EXTENSIONS =
  'js|mjs|cjs|ts|tsx|jsx|py|pyc|rb|erb|php|phtml|inc|java|class|jar|war|kt|scala|groovy|go|rs|cs|vb|dll|exe|' +
  'aspx?|ashx|asmx|cshtml|config|ini|env|ya?ml|xml|json|conf|log|sql|sqlite3?|db|sh|pl|lua|exs?';

/** Spring's default page only leaks when it shows the trace (`server.error.include-stacktrace`). */
function whitelabelPageWithTrace(text: string): string | undefined {
  const at = text.indexOf('Whitelabel Error Page');
  if (at < 0) return undefined;
  const page = text.slice(at, at + 20_000);
  return /id=['"]?trace\b|\bat (?:[\w$]{1,100}\.){1,40}[\w$<>]{1,100}\(/.test(page)
    ? 'Whitelabel Error Page'
    : undefined;
}

/** A pattern, or a function returning the matched text. */
type Detector = RegExp | ((text: string) => string | undefined);

/**
 * Detectors per kind, best evidence first. Case-sensitive unless flagged: prose rarely capitalises like
 * code. Every repetition is bounded and every pattern starts at a literal or a lookbehind, so a hostile
 * body costs linear time.
 */
const DETECTORS: Readonly<Record<InternalLeakKind, readonly Detector[]>> = {
  'stack-trace': [
    // Python
    /Traceback \(most recent call last\):/,
    /File "[^"\n]{1,300}", line \d{1,9}(?:, in [^\s]{1,200})?/,
    // Java / JVM
    /Exception in thread "[^"\n]{0,100}"[^\n]{0,80}/,
    /\bat (?:[\w.$-]{1,100}(?:@[\w.]{1,40})?\/)?(?:[\w$]{1,100}\.){1,40}[\w$<>]{1,100}\((?:[\w$-]{1,100}\.(?:java|kt|scala|groovy|clj)(?::\d{1,9})?|Native Method|Unknown Source)\)/,
    /Caused by: (?:[\w$]{1,100}\.){1,40}[\w$]{0,100}(?:Exception|Error|Throwable)\b[^\n]{0,60}/,
    // .NET
    /\bat (?:[\w`<>$]{1,100}\.){1,40}[\w`<>$|]{1,100}\([^()\n]{0,200}\) in [^\n]{1,200}?:line \d{1,9}/,
    /\bat (?:[A-Z][\w`<>$]{0,100}\.){2,40}[\w`<>$]{1,100}\([^()\n]{0,200}\)/,
    /--- End of (?:inner exception )?stack trace/,
    // Node
    /\bat (?:async )?(?:new )?[^\s()]{1,300}(?: \[as [^\]\n]{1,80}\])? \((?:node:[^()\n]{1,200}|[^()\n]{0,300}\.(?:js|mjs|cjs|ts|tsx|jsx)(?:\?[^():\n]{0,100})?):\d{1,9}:\d{1,9}\)/,
    /\bat (?:async )?(?:\/|[A-Za-z]:\\|node:|file:\/\/)[^\s()]{1,300}:\d{1,9}:\d{1,9}/,
    // PHP
    /\b(?:Fatal error|Parse error|Warning|Notice|Deprecated):?[^\n]{0,300}? in (?:\/|[A-Za-z]:\\)[^\s]{1,300}\.(?:php|phtml|inc)(?: on line \d{1,9}|:\d{1,9})/,
    /#\d{1,4} (?:(?:\/|[A-Za-z]:\\)[^\n(]{1,300}\.(?:php|phtml|inc)\(\d{1,9}\)|\[internal function\]:)/,
    // Ruby
    /(?<![\w./-])[\w./-]{1,300}\.rb:\d{1,9}:in [`'‘][^`'’\n]{1,100}['’]/,
    // Go
    /goroutine \d{1,9} \[[^\]\n]{1,40}\]:/,
    /panic: runtime error:[^\n]{0,80}/,
    /\.go:\d{1,9} \+0x[0-9a-f]{1,16}/,
    // Exception class names that name the runtime and the code's own packages
    /\bSystem\.(?:[A-Z]\w{0,100}\.){0,20}[A-Z]\w{0,100}Exception\b/,
    /\b(?:java|javax|jakarta|kotlin)\.(?:[a-z]\w{0,100}\.){1,20}[A-Z][\w$]{0,100}(?:Exception|Error)\b/,
    /(?<![\w.$])(?:[a-z_]\w{0,100}\.){2,20}[A-Z][\w$]{0,100}Exception\b/,
    /\b(?:Illuminate|Symfony\\{1,2}Component|Doctrine|Laminas|Zend)(?:\\{1,2}\w{1,100}){2,20}/,
    /\b(?:ActiveRecord|ActionController|ActionView|ActionDispatch|ActiveModel|ActiveSupport)::[A-Z]\w{0,100}/,
  ],
  sql: [
    /You have an error in your SQL syntax[^\n]{0,60}/,
    /syntax error at or near "?[^\s"]{0,40}"?/,
    /\bORA-\d{5}\b[^\n]{0,60}/,
    /\bSQLSTATE\[\w{1,10}\][^\n]{0,60}/,
    /\bpsycopg2?\.(?:errors|Error|[A-Z]\w{0,100}Error)\b[\w.]{0,100}/,
    /\bSQLITE_(?:ERROR|CONSTRAINT|MISMATCH|BUSY|LOCKED|READONLY|CORRUPT|CANTOPEN)\b[^\n]{0,60}/,
    /\bER_(?:PARSE_ERROR|NO_SUCH_TABLE|BAD_FIELD_ERROR|DUP_ENTRY)\b/,
    /\b(?:PG|Mysql2|SQLite3)::[A-Z]\w{0,100}/,
    /\b(?:SequelizeDatabaseError|QueryFailedError|PrismaClient\w{0,40}Error)\b/,
    /\brelation "[^"\n]{1,100}" does not exist/,
    /duplicate key value violates unique constraint[^\n]{0,60}/,
    /Unclosed quotation mark after the character string/,
    // Statements: upper-case keywords (as ORMs and drivers print them), or lower-case with SQL-only shapes.
    /\bSELECT\s{1,20}(?:DISTINCT\s{1,20}|TOP\s{1,20}\d{1,9}\s{1,20})?[^\n;]{1,200}?\s{1,20}FROM\s{1,20}[`"[]?\w{1,100}/,
    /\bselect\s{1,20}(?:\*|[`"[]?\w{1,100}[`"\]]?(?:\.[`"[]?\w{1,100}[`"\]]?)?(?:\s{0,20},\s{0,20}[`"[]?\w{1,100}[`"\]]?(?:\.[`"[]?\w{1,100}[`"\]]?)?){1,50}|[`"]\w{1,100}[`"](?:\.[`"]\w{1,100}[`"])?)\s{1,20}from\s{1,20}[`"[]?\w{1,100}/i,
    /\bINSERT\s{1,20}INTO\s{1,20}[`"[]?\w{1,100}/,
    /\binsert\s{1,20}into\s{1,20}[`"[]?\w{1,100}[`"\]]?\s{0,20}(?:\(|values\b)/i,
    /\bUPDATE\s{1,20}[`"[]?\w{1,100}[`"\]]?\s{1,20}SET\s{1,20}[`"[]?\w{1,100}[`"\]]?\s{0,20}=/,
    /\bDELETE\s{1,20}FROM\s{1,20}[`"[]?\w{1,100}/,
  ],
  'file-path': [
    new RegExp(
      String.raw`(?<![\w.:/~-])\/(?:var\/(?:www|lib|app|task)|home\/[\w.-]{1,100}|usr\/(?:src|local|lib|share)|opt|srv|app|root|etc|Users\/[\w.-]{1,100}|workspace)\/[^\s"'<>()]{0,300}?\.(?:${SOURCE_EXTENSIONS})\b`,
    ),
    new RegExp(
      String.raw`(?<!\w)[A-Za-z]:\\{1,2}(?:[^\\\s"'<>|?*:]{1,100}\\{1,2}){0,30}[^\\\s"'<>|?*:]{1,100}\.(?:${SOURCE_EXTENSIONS})\b`,
      'i',
    ),
    /(?<!\w)[A-Za-z]:\\{1,2}(?:inetpub|Users\\{1,2}[^\\\s"'<>|?*:]{1,100})\\{1,2}[^\s"'<>|?*:]{0,200}/i,
    /\bnode_modules\/(?:[@\w.-]{1,100}\/){0,20}[\w.-]{1,100}\.(?:js|mjs|cjs|ts|json|node)\b/,
  ],
  'debug-page': [
    /seeing this error because you have\s{1,20}DEBUG\s{0,20}=\s{0,20}True/,
    /\bDEBUG\s{0,20}=\s{0,20}True\b/,
    /Django Version:\s{0,20}\d[\w.]{0,20}/,
    /Werkzeug Debugger|__debugger__/,
    /Whoops! There was an error\.|Whoops\\{1,2}(?:Run|Handler)|class="Whoops container|window\.ignite\b|@facade\/ignition|laravel-ignition|Ignition\\{1,2}\w{1,100}/,
    /Action Controller: Exception caught/,
    /Rails\.root:\s{0,20}\S{1,200}/,
    /<pre>\s{0,20}[A-Za-z]{0,100}Error\b[^<\n]{0,300}?(?:<br\s{0,5}\/?>|\n)(?:\s|&nbsp;){0,40}at\s[^<\n]{0,80}/,
    whitelabelPageWithTrace,
    /Server Error in '[^'\n]{0,200}' Application\.?/,
    /Version Information:\s{0,20}Microsoft \.NET Framework Version:[^\n<]{0,40}/,
    /An unhandled exception occurred while processing the request\./,
    /Exception Details: System\.[\w.]{1,200}/,
  ],
};

const KINDS = Object.keys(DETECTORS) as InternalLeakKind[];

/** Every string value of a parsed JSON document, depth-first, keys excluded. */
function jsonStrings(value: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    else if (node !== null && typeof node === 'object') {
      const values = Object.values(node);
      for (let i = values.length - 1; i >= 0; i--) stack.push(values[i]);
    }
  }
  return out;
}

/** JSON string escapes undone in raw text, for bodies that are not (valid) JSON but embed JSON. */
function unescapeJsonEscapes(text: string): string {
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  return text.replace(/\\(?:u([0-9a-fA-F]{4})|(.))/g, (_, hex: string | undefined, char: string) =>
    hex ? String.fromCharCode(Number.parseInt(hex, 16)) : (simple[char] ?? char),
  );
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

/** Only real HTML elements are stripped: `at Object.<anonymous>` must keep its `<anonymous>`. */
const HTML_ELEMENTS = new Set(
  (
    'html head body title meta link script style div span p pre code b i u em strong small h1 h2 h3 h4 h5 h6 ' +
    'br hr table thead tbody tfoot tr td th ul ol li dl dt dd a img form input label button section header ' +
    'footer main nav article aside center font abbr blockquote sup sub kbd samp var tt summary details noscript'
  ).split(' '),
);

/** The text a browser would show: line-breaking tags become newlines, other tags go, entities are decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/(?:p|div|li|tr|h\d|pre|table)>/gi, '\n')
    .replace(/<\/?([a-z][a-z0-9]{0,30})\b[^<>]{0,2000}>|<![^<>]{0,2000}>/gi, (tag, name?: string) =>
      name === undefined || HTML_ELEMENTS.has(name.toLowerCase()) ? '' : tag,
    )
    .replace(
      /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(\w{2,6}));/gi,
      (whole, dec?: string, hex?: string, name?: string) => {
        const code = dec ? Number(dec) : hex ? Number.parseInt(hex, 16) : undefined;
        if (code === undefined) return ENTITIES[(name ?? '').toLowerCase()] ?? whole;
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      },
    );
}

/**
 * The views of the body to scan, cleanest first: its JSON strings; its visible HTML text; for JSON-looking
 * text that does not parse (truncated, embedded in HTML), the text with JSON escapes undone; the raw text.
 */
function textViews(bodyText: string): string[] {
  const raw = bodyText.slice(0, SCAN_MAX_CHARS);
  const views: string[] = [];
  let parsed = false;
  try {
    const strings = jsonStrings(JSON.parse(bodyText));
    parsed = true;
    if (strings.length > 0) views.push(strings.join('\n\n').slice(0, SCAN_MAX_CHARS));
  } catch {
    // Not JSON: the views below cover it.
  }
  const visible = htmlText(raw);
  if (visible !== raw) views.push(visible);
  if (!parsed && raw.includes('\\') && /^\s*[[{]|"\s*:\s*"/.test(raw)) views.push(unescapeJsonEscapes(raw));
  views.push(raw);
  return views;
}

function toEvidence(matched: string): string {
  const text = matched.replace(/\s+/g, ' ').trim();
  return text.length > EVIDENCE_MAX_CHARS ? `${text.slice(0, EVIDENCE_MAX_CHARS - 1)}…` : text;
}

/** Stack traces, SQL, server file paths and framework debug pages in a response body (JSON, HTML or text). */
export function findInternalLeaks(bodyText: string): InternalLeak[] {
  if (bodyText.trim() === '') return [];
  const views = textViews(bodyText);
  const leaks: InternalLeak[] = [];
  for (const kind of KINDS) {
    const evidence = firstMatch(DETECTORS[kind], views);
    if (evidence !== undefined) leaks.push({ kind, evidence: toEvidence(evidence) });
  }
  return leaks;
}

function firstMatch(detectors: readonly Detector[], views: readonly string[]): string | undefined {
  for (const detector of detectors) {
    for (const view of views) {
      const matched = typeof detector === 'function' ? detector(view) : detector.exec(view)?.[0];
      if (matched !== undefined) return matched;
    }
  }
  return undefined;
}
