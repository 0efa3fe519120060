// @ts-check
// Reference implementation of the five "get user by id" dialects, optionally with one variant applied.
// Library: `createReferenceServer(options)`.
// CLI: `node reference/server.js [--port N] [--host H] [--variant NAME] [--dialect NAME]`.

const http = require('node:http');
const { dialects } = require('./dialects/index.js');
const { createHandler } = require('./pipeline.js');
const { baseStack } = require('./stack.js');
const { variants } = require('./variants/index.js');

/** @typedef {import('./types.js').Fixtures} Fixtures */
/** @typedef {import('./variants/index.js').Variant} Variant */

/** @type {Fixtures} */
const defaultFixtures = require('./fixtures.json');

/**
 * @typedef {object} ReferenceServerOptions
 * @property {string | Variant} [variant] A name from variants/index.js, or a variant object.
 * @property {Fixtures} [fixtures] Defaults to reference/fixtures.json.
 * @property {string} [dialect] Serve only this contract (a single-vendor API); every other path gets
 *   a web framework's plain `Cannot GET /x` text/html 404. Default: all five.
 */

/** @param {string} name */
function unknownVariantMessage(name) {
  const known = Object.keys(variants);
  return `unknown variant ${JSON.stringify(name)}; valid variants: ${known.length ? known.join(', ') : '(none defined yet)'}`;
}

/** @param {string} name */
function unknownDialectMessage(name) {
  return `unknown dialect ${JSON.stringify(name)}; valid dialects: ${Object.keys(dialects).join(', ')}`;
}

/**
 * @param {string} name
 * @returns {name is import('./types.js').ContractName}
 */
function isDialect(name) {
  return Object.hasOwn(dialects, name);
}

/**
 * The request listener of the reference: all five dialects, or the one of `options.dialect`. For
 * servers of one's own that wrap the reference (https, rate limits, counting requests).
 * @param {ReferenceServerOptions} [options]
 * @returns {http.RequestListener}
 */
function createReferenceHandler(options = {}) {
  let variant = options.variant;
  if (typeof variant === 'string') {
    const name = variant;
    variant = Object.hasOwn(variants, name) ? variants[name] : undefined;
    if (variant === undefined) throw new Error(unknownVariantMessage(name));
  }
  const stack = variant ? variant.apply(baseStack()) : baseStack();
  const only = options.dialect;
  if (only !== undefined && !isDialect(only)) throw new Error(unknownDialectMessage(only));
  return createHandler(
    stack,
    options.fixtures ?? defaultFixtures,
    only === undefined ? {} : { dialect: only },
  );
}

/**
 * An http.Server (not yet listening) serving all five dialects, or the one of `options.dialect`.
 * @param {ReferenceServerOptions} [options]
 * @returns {http.Server}
 */
function createReferenceServer(options = {}) {
  return http.createServer(createReferenceHandler(options));
}

const USAGE =
  'usage: node reference/server.js [--port N] [--host 127.0.0.1] [--variant NAME] [--dialect NAME]';

/**
 * @param {string[]} args
 * @returns {{ port?: string, host?: string, variant?: string, dialect?: string }}
 */
function parseArgs(args) {
  /** @type {Record<string, string>} */
  const options = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag = '', inline] = arg.split(/=(.*)/s);
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !['port', 'host', 'variant', 'dialect'].includes(name)) {
      throw new Error(`unknown argument ${JSON.stringify(arg)}`);
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    options[name] = value;
  }
  return options;
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  process.stderr.write(`reference: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function main() {
  /** @type {ReturnType<typeof parseArgs>} */
  let args = {};
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const portText = args.port ?? process.env.REFERENCE_PORT ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) fail(`invalid port ${JSON.stringify(portText)}`);
  const host = args.host ?? '127.0.0.1';
  if (args.variant !== undefined && !Object.hasOwn(variants, args.variant)) {
    fail(unknownVariantMessage(args.variant));
  }
  if (args.dialect !== undefined && !isDialect(args.dialect)) fail(unknownDialectMessage(args.dialect));

  const server = createReferenceServer({
    ...(args.variant !== undefined ? { variant: args.variant } : {}),
    ...(args.dialect !== undefined ? { dialect: args.dialect } : {}),
  });
  server.on('error', (error) => {
    process.stderr.write(`reference: ${error.message}\n`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const address = server.address();
    const actualPort = address !== null && typeof address === 'object' ? address.port : port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    process.stdout.write(`reference listening on http://${shownHost}:${actualPort}\n`);
  });

  const shutdown = () => {
    server.close(() => process.exit(0));
    // Keep-alive sockets and variants that never answer would otherwise hold close() open.
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (require.main === module) main();

module.exports = { createReferenceHandler, createReferenceServer };
