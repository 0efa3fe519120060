/**
 * The API-hygiene detectors, table-driven: leaked internals in error bodies, undocumented secrets in
 * success bodies, and the documented pointers of a schema. Each table has its positives and near misses.
 */
import { expect, test } from '@playwright/test';
import {
  EVIDENCE_MAX_CHARS,
  findInternalLeaks,
  type InternalLeakKind,
} from '../../../engine/detect/internal-leak';
import {
  documentedPropertyPaths,
  findSensitiveFields,
  type SensitiveField,
} from '../../../engine/detect/sensitive-fields';

const json = (value: unknown) => JSON.stringify(value);

interface LeakRow {
  name: string;
  body: string;
  kind: InternalLeakKind;
  /** Text the evidence must contain. */
  evidence: string;
}

const javaTrace = [
  'java.lang.NullPointerException: Cannot invoke "User.getName()"',
  '\tat com.acme.users.UserService.find(UserService.java:42)',
  '\tat java.base/java.lang.Thread.run(Thread.java:833)',
].join('\n');
const nodeStack =
  "TypeError: Cannot read properties of undefined (reading 'id')\n    at Object.<anonymous> (/usr/src/app/index.js:10:5)";

const leakRows: LeakRow[] = [
  // Stack traces
  {
    name: 'Java frame',
    body: javaTrace,
    kind: 'stack-trace',
    evidence: 'UserService.find(UserService.java:42)',
  },
  {
    name: 'Java frame inside a JSON string',
    body: json({ status: 500, error: 'Internal Server Error', trace: javaTrace }),
    kind: 'stack-trace',
    evidence: 'UserService.java:42',
  },
  {
    name: 'Java "Exception in thread"',
    body: 'Exception in thread "main" java.lang.IllegalStateException: boom',
    kind: 'stack-trace',
    evidence: 'Exception in thread "main"',
  },
  {
    name: 'Java "Caused by:"',
    body: json({ message: 'failed; Caused by: org.postgresql.util.PSQLException: timeout' }),
    kind: 'stack-trace',
    evidence: 'Caused by: org.postgresql.util.PSQLException',
  },
  {
    name: 'Java exception class name alone',
    body: json({ exception: 'java.lang.IllegalArgumentException' }),
    kind: 'stack-trace',
    evidence: 'java.lang.IllegalArgumentException',
  },
  {
    name: '.NET frame with source line',
    body: 'at Acme.Api.Controllers.UsersController.Get(Int32 id) in C:\\src\\Acme.Api\\UsersController.cs:line 42',
    kind: 'stack-trace',
    evidence: 'UsersController.Get(Int32 id) in C:\\src',
  },
  {
    name: '.NET frame without source',
    body: '   at System.Web.Mvc.ControllerActionInvoker.InvokeAction(ControllerContext ctx, String name)',
    kind: 'stack-trace',
    evidence: 'at System.Web.Mvc.ControllerActionInvoker.InvokeAction(',
  },
  {
    name: '.NET System.NullReferenceException',
    body: json({
      error: 'System.NullReferenceException: Object reference not set to an instance of an object.',
    }),
    kind: 'stack-trace',
    evidence: 'System.NullReferenceException',
  },
  {
    name: 'Python traceback header',
    body: 'Traceback (most recent call last):\n  File "/app/x.py", line 3, in <module>\nKeyError: 1',
    kind: 'stack-trace',
    evidence: 'Traceback (most recent call last):',
  },
  {
    name: 'Python frame alone',
    body: json({ detail: 'File "/srv/api/views.py", line 88, in get_user' }),
    kind: 'stack-trace',
    evidence: 'File "/srv/api/views.py", line 88, in get_user',
  },
  {
    name: 'Node frame <anonymous>',
    body: nodeStack,
    kind: 'stack-trace',
    evidence: 'at Object.<anonymous> (/usr/src/app/index.js:10:5)',
  },
  {
    name: 'Node frame in node:internal',
    body: json({
      stack: 'Error: x\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
    }),
    kind: 'stack-trace',
    evidence: 'at processTicksAndRejections (node:internal/process/task_queues:95:5)',
  },
  {
    name: 'Node anonymous frame without function',
    body: 'Error: boom\n    at /app/server.js:12:9',
    kind: 'stack-trace',
    evidence: 'at /app/server.js:12:9',
  },
  {
    name: 'Node frame with [as alias]',
    body: 'at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)',
    kind: 'stack-trace',
    evidence: 'Layer.handle [as handle_request]',
  },
  {
    name: 'PHP fatal error',
    body: 'PHP Fatal error:  Uncaught Error: Call to undefined function foo() in /var/www/html/x.php on line 3',
    kind: 'stack-trace',
    evidence: 'in /var/www/html/x.php on line 3',
  },
  {
    name: 'PHP fatal error in HTML',
    body: '<br />\n<b>Fatal error</b>:  Allowed memory size exhausted in <b>/var/www/app/x.php</b> on line <b>3</b><br />',
    kind: 'stack-trace',
    evidence: 'x.php on line 3',
  },
  {
    name: 'PHP #0 frame',
    body: '#0 /var/www/html/index.php(12): App\\Http\\Kernel->handle()\n#1 {main}',
    kind: 'stack-trace',
    evidence: '#0 /var/www/html/index.php(12)',
  },
  {
    name: 'Ruby frame',
    body: "app/controllers/users_controller.rb:12:in `show'",
    kind: 'stack-trace',
    evidence: "users_controller.rb:12:in `show'",
  },
  {
    name: 'Ruby 3.4 frame',
    body: json({ error: "app/models/user.rb:7:in 'User#name'" }),
    kind: 'stack-trace',
    evidence: "user.rb:7:in 'User#name'",
  },
  {
    name: 'Ruby ActiveRecord error class',
    body: json({ error: "ActiveRecord::RecordNotFound: Couldn't find User with 'id'=9" }),
    kind: 'stack-trace',
    evidence: 'ActiveRecord::RecordNotFound',
  },
  {
    name: 'Go goroutine dump',
    body: 'panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:42 +0x1d',
    kind: 'stack-trace',
    evidence: 'goroutine 1 [running]:',
  },
  {
    name: 'Go frame with offset',
    body: 'main.handler(...)\n\t/build/cmd/api/handler.go:42 +0x2a5',
    kind: 'stack-trace',
    evidence: '.go:42 +0x2a5',
  },
  {
    name: 'Laravel exception class (JSON-escaped backslashes)',
    body: '{"message":"Server Error","exception":"Illuminate\\\\Database\\\\QueryException"}',
    kind: 'stack-trace',
    evidence: 'Illuminate\\Database\\QueryException',
  },
  {
    name: 'stack in JSON with escaped slashes, not parseable (truncated)',
    body: '{"stack":"Error: x\\n    at Object.<anonymous> (\\/usr\\/src\\/app\\/index.js:10:5)\\n',
    kind: 'stack-trace',
    evidence: 'at Object.<anonymous> (/usr/src/app/index.js:10:5)',
  },
  // SQL
  {
    name: 'SQL SELECT ... FROM',
    body: json({ error: 'query failed: SELECT id, email FROM users WHERE id = $1' }),
    kind: 'sql',
    evidence: 'SELECT id, email FROM users',
  },
  {
    name: 'lower-case select * from',
    body: json({ error: 'select * from "users" where "id" = ? - ER_x' }),
    kind: 'sql',
    evidence: 'select * from "users',
  },
  {
    name: 'lower-case select of quoted columns',
    body: 'select "users"."id", "users"."email" from "users"',
    kind: 'sql',
    evidence: 'select "users"."id", "users"."email" from "users',
  },
  {
    name: 'INSERT INTO',
    body: 'INSERT INTO audit_log VALUES (1)',
    kind: 'sql',
    evidence: 'INSERT INTO audit_log',
  },
  {
    name: 'lower-case insert into ... (',
    body: 'insert into `users` (`email`) values (?)',
    kind: 'sql',
    evidence: 'insert into `users` (',
  },
  {
    name: 'Postgres syntax error at or near',
    body: json({ message: 'syntax error at or near "WHERE"' }),
    kind: 'sql',
    evidence: 'syntax error at or near "WHERE"',
  },
  {
    name: 'Oracle ORA-00942',
    body: 'ORA-00942: table or view does not exist',
    kind: 'sql',
    evidence: 'ORA-00942: table or view does not exist',
  },
  {
    name: 'PDO SQLSTATE[',
    body: json({ message: 'SQLSTATE[42S02]: Base table or view not found' }),
    kind: 'sql',
    evidence: 'SQLSTATE[42S02]',
  },
  {
    name: 'MySQL syntax error',
    body: "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near ''",
    kind: 'sql',
    evidence: 'You have an error in your SQL syntax',
  },
  {
    name: 'psycopg2.errors',
    body: json({ detail: 'psycopg2.errors.UndefinedTable: relation "users" does not exist' }),
    kind: 'sql',
    evidence: 'psycopg2.errors.UndefinedTable',
  },
  {
    name: 'SQLITE_ERROR',
    body: json({ code: 'SQLITE_ERROR', message: 'no such table: users' }),
    kind: 'sql',
    evidence: 'SQLITE_ERROR',
  },
  {
    name: 'Postgres relation does not exist',
    body: 'error: relation "app_users" does not exist',
    kind: 'sql',
    evidence: 'relation "app_users" does not exist',
  },
  {
    name: 'Sequelize error class',
    body: json({ name: 'SequelizeDatabaseError' }),
    kind: 'sql',
    evidence: 'SequelizeDatabaseError',
  },
  // File paths
  {
    name: '/var/www path',
    body: json({ file: '/var/www/html/app/Models/User.php', line: 42 }),
    kind: 'file-path',
    evidence: '/var/www/html/app/Models/User.php',
  },
  {
    name: '/home/<user> path',
    body: json({ error: 'ENOENT: no such file, open /home/deploy/api/config.json' }),
    kind: 'file-path',
    evidence: '/home/deploy/api/config.json',
  },
  {
    name: '/usr/src/app path',
    body: json({ error: 'Cannot find module /usr/src/app/dist/users.js' }),
    kind: 'file-path',
    evidence: '/usr/src/app/dist/users.js',
  },
  {
    name: '/opt path',
    body: 'failed to load /opt/service/settings.yaml',
    kind: 'file-path',
    evidence: '/opt/service/settings.yaml',
  },
  {
    name: 'C:\\inetpub path',
    body: json({ error: 'Could not find file C:\\inetpub\\wwwroot\\web.config' }),
    kind: 'file-path',
    evidence: 'C:\\inetpub\\wwwroot\\web.config',
  },
  {
    name: 'C:\\Users path',
    body: 'at C:\\Users\\builder\\src\\Api\\Program.cs',
    kind: 'file-path',
    evidence: 'C:\\Users\\builder\\src\\Api\\Program.cs',
  },
  {
    name: 'node_modules path',
    body: json({ error: 'in node_modules/pg/lib/client.js' }),
    kind: 'file-path',
    evidence: 'node_modules/pg/lib/client.js',
  },
  {
    name: 'path with JSON-escaped slashes in raw text',
    body: '<p>{"file":"\\/var\\/www\\/app\\/index.php"}</p>',
    kind: 'file-path',
    evidence: '/var/www/app/index.php',
  },
  // Debug pages
  {
    name: 'Django DEBUG = True page',
    body: "<p>You're seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>",
    kind: 'debug-page',
    evidence: 'seeing this error because you have DEBUG = True',
  },
  {
    name: 'Django DEBUG = True with HTML-escaped apostrophe',
    body: '<p>You&#x27;re seeing this error because you have <code>DEBUG = True</code></p>',
    kind: 'debug-page',
    evidence: 'DEBUG = True',
  },
  {
    name: 'Laravel Whoops page',
    body: '<html><head><title>Whoops! There was an error.</title></head><body><div class="Whoops container"></div></body></html>',
    kind: 'debug-page',
    evidence: 'Whoops! There was an error.',
  },
  {
    name: 'Laravel Ignition page',
    body: '<script>window.ignite = function () {};</script>',
    kind: 'debug-page',
    evidence: 'window.ignite',
  },
  {
    name: 'Rails exception page',
    body: '<title>Action Controller: Exception caught</title>',
    kind: 'debug-page',
    evidence: 'Action Controller: Exception caught',
  },
  {
    name: 'Express default error page',
    body: '<!DOCTYPE html><html><body><pre>Error: boom<br> &nbsp; &nbsp;at /app/index.js:5:9<br></pre></body></html>',
    kind: 'debug-page',
    evidence: '<pre>Error: boom<br> &nbsp; &nbsp;at /app/index.js',
  },
  {
    name: 'Spring Whitelabel page with trace',
    body: "<html><body><h1>Whitelabel Error Page</h1><div>There was an unexpected error</div><div id='trace'>java.lang.NullPointerException</div></body></html>",
    kind: 'debug-page',
    evidence: 'Whitelabel Error Page',
  },
  {
    name: 'ASP.NET yellow screen of death',
    body: "<h1>Server Error in '/' Application.</h1><h2><i>Object reference not set</i></h2>",
    kind: 'debug-page',
    evidence: "Server Error in '/' Application.",
  },
  {
    name: 'ASP.NET Core developer exception page',
    body: '<h1>An unhandled exception occurred while processing the request.</h1>',
    kind: 'debug-page',
    evidence: 'An unhandled exception occurred while processing the request.',
  },
  {
    name: 'Werkzeug debugger',
    body: '<title>KeyError // Werkzeug Debugger</title>',
    kind: 'debug-page',
    evidence: 'Werkzeug Debugger',
  },
];

for (const row of leakRows) {
  test(`internal leak: ${row.name} → ${row.kind}`, () => {
    const leak = findInternalLeaks(row.body).find((found) => found.kind === row.kind);
    expect(leak?.evidence).toContain(row.evidence);
  });
}

const leakNearMisses: { name: string; body: string }[] = [
  { name: 'detail mentions tracing in prose', body: json({ detail: 'Enable tracing to see more' }) },
  { name: 'detail mentions a trace id', body: json({ detail: 'the trace id is abc' }) },
  { name: 'detail mentions the stack', body: json({ message: 'Check the stack status page, then retry' }) },
  {
    name: 'traceId field',
    body: json({ traceId: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }),
  },
  { name: 'trace_id field', body: json({ error: { code: 'NOT_FOUND' }, trace_id: 'abc123' }) },
  { name: 'absolute URL of a user', body: json({ self: 'https://api.example.com/v1/users/123' }) },
  { name: 'templated API path', body: json({ message: 'GET /v1/users/{id} requires a valid id' }) },
  {
    name: 'RFC 9457 problem',
    body: json({
      type: 'https://example.com/probs/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'User 123 was not found',
      instance: '/api/v1/users/123',
    }),
  },
  {
    name: 'problem type URL ending in a file name',
    body: json({ type: 'https://example.com/opt/errors.json' }),
  },
  { name: 'Select a user from the list', body: json({ message: 'Select a user from the list' }) },
  {
    name: 'Select one from the menu',
    body: json({ message: 'Select one from the menu, then insert into the form' }),
  },
  { name: 'the word from', body: json({ message: 'from' }) },
  {
    name: 'ISO timestamps with colons',
    body: json({ timestamp: '2024-01-15T10:30:00Z', at: '10:30:00+01:00' }),
  },
  {
    name: 'email address',
    body: json({ email: 'john.doe@example.com', message: 'Contact admin@api.example.com' }),
  },
  {
    name: 'path field of the API path',
    body: json({ status: 404, error: 'Not Found', path: '/api/v1/users/123' }),
  },
  { name: 'path field with a dotted id', body: json({ path: '/app/v1/users/john.doe' }) },
  { name: 'validation error name', body: json({ error: 'ValidationError: name is required' }) },
  { name: 'dotted error code', body: json({ code: 'user.not_found', message: 'User not found' }) },
  {
    name: 'Spring production error (no trace)',
    body: json({
      timestamp: '2024-01-15T10:30:00.000+00:00',
      status: 404,
      error: 'Not Found',
      path: '/v1/users/9',
    }),
  },
  {
    name: 'plain HTML 404 page',
    body: '<html><body><h1>404 Not Found</h1><hr><center>nginx</center></body></html>',
  },
  {
    name: 'production Whitelabel page without trace',
    body: '<h1>Whitelabel Error Page</h1><p>status=404</p>',
  },
  { name: 'empty body', body: '' },
  { name: 'message about a debug flag', body: json({ message: 'Debug mode is off' }) },
  { name: 'Windows-like drive letter in prose', body: json({ message: 'Plan B: retry later' }) },
];

for (const row of leakNearMisses) {
  test(`internal leak near miss: ${row.name} → nothing`, () => {
    expect(findInternalLeaks(row.body)).toEqual([]);
  });
}

test('internal leak: evidence is cut to the maximum and whitespace is collapsed', () => {
  const longFrame = `at Object.<anonymous> (/usr/src/app/${'deep/'.repeat(25)}index.js:10:5)`;
  const [leak] = findInternalLeaks(`Error\n\n   ${longFrame}`);
  expect(leak?.evidence.length).toBeLessThanOrEqual(EVIDENCE_MAX_CHARS);
  expect(leak?.evidence).toMatch(/^at Object\.<anonymous> \(\/usr\/src\/app\/deep\/.*…$/);
});

test('internal leak: one finding per kind, in kind order', () => {
  const body = json({ message: `SELECT id FROM users failed\n${nodeStack}` });
  expect(findInternalLeaks(body).map((leak) => leak.kind)).toEqual(['stack-trace', 'sql', 'file-path']);
});

test('internal leak: out-of-range HTML character references are left as they are', () => {
  expect(findInternalLeaks('<p>&#99999999; &#x110000;</p>')).toEqual([]);
});

test('internal leak: hostile bodies cost linear time', () => {
  const started = Date.now();
  for (const unit of ['a', 'a.', 'a\\', '#1 /a', 'at a (', 'Fatal error: a ', '<a', '/var/www/a']) {
    findInternalLeaks(unit.repeat(300_000 / unit.length));
    findInternalLeaks(`{"x":"${unit.repeat(300_000 / unit.length)}`);
  }
  expect(Date.now() - started).toBeLessThan(10_000);
});

interface FieldRow {
  name: string;
  body: unknown;
  documented?: string[];
  found: SensitiveField[];
}

const fieldRows: FieldRow[] = [
  {
    name: 'password',
    body: { id: 1, password: 'hunter2' },
    found: [{ instancePath: '/password', field: 'password' }],
  },
  { name: 'passwd', body: { passwd: 'x' }, found: [{ instancePath: '/passwd', field: 'passwd' }] },
  { name: 'pwd', body: { pwd: 'x' }, found: [{ instancePath: '/pwd', field: 'pwd' }] },
  {
    name: 'password_hash',
    body: { password_hash: '$2b$10$abc' },
    found: [{ instancePath: '/password_hash', field: 'password_hash' }],
  },
  {
    name: 'passwordDigest',
    body: { passwordDigest: '$2b$10$abc' },
    found: [{ instancePath: '/passwordDigest', field: 'passwordDigest' }],
  },
  {
    name: 'hashed_password',
    body: { hashed_password: 'abc' },
    found: [{ instancePath: '/hashed_password', field: 'hashed_password' }],
  },
  {
    name: 'user_password',
    body: { user_password: 'x' },
    found: [{ instancePath: '/user_password', field: 'user_password' }],
  },
  { name: 'secret', body: { secret: 's' }, found: [{ instancePath: '/secret', field: 'secret' }] },
  {
    name: 'client_secret',
    body: { client_secret: 's' },
    found: [{ instancePath: '/client_secret', field: 'client_secret' }],
  },
  {
    name: 'clientsecret glued',
    body: { clientsecret: 's' },
    found: [{ instancePath: '/clientsecret', field: 'clientsecret' }],
  },
  {
    name: 'stripeSecret',
    body: { stripeSecret: 'sk_live_x' },
    found: [{ instancePath: '/stripeSecret', field: 'stripeSecret' }],
  },
  { name: 'token', body: { token: 't' }, found: [{ instancePath: '/token', field: 'token' }] },
  {
    name: 'access_token',
    body: { access_token: 't' },
    found: [{ instancePath: '/access_token', field: 'access_token' }],
  },
  {
    name: 'refreshToken',
    body: { refreshToken: 't' },
    found: [{ instancePath: '/refreshToken', field: 'refreshToken' }],
  },
  { name: 'id_token', body: { id_token: 'eyJ' }, found: [{ instancePath: '/id_token', field: 'id_token' }] },
  { name: 'api_key', body: { api_key: 'k' }, found: [{ instancePath: '/api_key', field: 'api_key' }] },
  { name: 'apiKey', body: { apiKey: 'k' }, found: [{ instancePath: '/apiKey', field: 'apiKey' }] },
  { name: 'apikey', body: { apikey: 'k' }, found: [{ instancePath: '/apikey', field: 'apikey' }] },
  {
    name: 'API-KEY kebab',
    body: { 'API-KEY': 'k' },
    found: [{ instancePath: '/API-KEY', field: 'API-KEY' }],
  },
  { name: 'APIKey acronym', body: { APIKey: 'k' }, found: [{ instancePath: '/APIKey', field: 'APIKey' }] },
  {
    name: 'private_key',
    body: { private_key: '-----BEGIN' },
    found: [{ instancePath: '/private_key', field: 'private_key' }],
  },
  { name: 'ssn', body: { ssn: '078-05-1120' }, found: [{ instancePath: '/ssn', field: 'ssn' }] },
  {
    name: 'userSSN',
    body: { userSSN: '078-05-1120' },
    found: [{ instancePath: '/userSSN', field: 'userSSN' }],
  },
  {
    name: 'social_security_number',
    body: { social_security_number: '078-05-1120' },
    found: [{ instancePath: '/social_security_number', field: 'social_security_number' }],
  },
  {
    name: 'credit_card',
    body: { credit_card: '4242424242424242' },
    found: [{ instancePath: '/credit_card', field: 'credit_card' }],
  },
  {
    name: 'cardNumber',
    body: { cardNumber: '4242424242424242' },
    found: [{ instancePath: '/cardNumber', field: 'cardNumber' }],
  },
  { name: 'cvv as a number', body: { cvv: 123 }, found: [{ instancePath: '/cvv', field: 'cvv' }] },
  { name: 'cvc', body: { cvc: '123' }, found: [{ instancePath: '/cvc', field: 'cvc' }] },
  { name: 'pin', body: { pin: 1234 }, found: [{ instancePath: '/pin', field: 'pin' }] },
  { name: 'otp', body: { otp: '123456' }, found: [{ instancePath: '/otp', field: 'otp' }] },
  {
    name: 'mfa_secret',
    body: { mfa_secret: 'JBSWY3DP' },
    found: [{ instancePath: '/mfa_secret', field: 'mfa_secret' }],
  },
  {
    name: 'totpSecret',
    body: { totpSecret: 'JBSWY3DP' },
    found: [{ instancePath: '/totpSecret', field: 'totpSecret' }],
  },
  { name: 'salt', body: { salt: 'abc' }, found: [{ instancePath: '/salt', field: 'salt' }] },
  {
    name: 'session_id',
    body: { session_id: 's%3Aabc' },
    found: [{ instancePath: '/session_id', field: 'session_id' }],
  },
  {
    name: 'backup_codes array',
    body: { backup_codes: ['1234-5678'] },
    found: [{ instancePath: '/backup_codes', field: 'backup_codes' }],
  },
  {
    name: 'nested in an envelope',
    body: { success: true, data: { id: 'u1', auth: { accessToken: 't' } } },
    found: [{ instancePath: '/data/auth/accessToken', field: 'accessToken' }],
  },
  {
    name: 'inside an array item, real index in the pointer',
    body: { data: { items: [{ id: 1 }, { id: 2, password: 'x' }] } },
    found: [{ instancePath: '/data/items/1/password', field: 'password' }],
  },
  {
    name: 'array at the root',
    body: [{ api_key: 'k' }],
    found: [{ instancePath: '/0/api_key', field: 'api_key' }],
  },
  {
    name: 'several, in document order',
    body: { a: { token: 't' }, password: 'p', z: [{ secret: 's' }] },
    found: [
      { instancePath: '/a/token', field: 'token' },
      { instancePath: '/password', field: 'password' },
      { instancePath: '/z/0/secret', field: 'secret' },
    ],
  },
  {
    name: 'a key with / and ~ is escaped in the pointer',
    body: { 'a/b~c': { password: 'p' } },
    found: [{ instancePath: '/a~1b~0c/password', field: 'password' }],
  },
  {
    name: 'documented elsewhere does not cover this path',
    body: { data: { api_key: 'k' }, api_key: 'k' },
    documented: ['/data/api_key'],
    found: [{ instancePath: '/api_key', field: 'api_key' }],
  },
  // Near misses
  { name: 'tokenExpiresAt', body: { tokenExpiresAt: '2024-01-15T10:30:00Z' }, found: [] },
  { name: 'token_type', body: { token_type: 'Bearer' }, found: [] },
  { name: 'tokenCount', body: { tokenCount: 3 }, found: [] },
  { name: 'passwordUpdatedAt', body: { passwordUpdatedAt: '2024-01-15T10:30:00Z' }, found: [] },
  { name: 'password_set', body: { password_set: true }, found: [] },
  { name: 'password_set as a string', body: { password_set: 'yes' }, found: [] },
  { name: 'hasPassword', body: { hasPassword: true }, found: [] },
  { name: 'hasPassword as a string', body: { hasPassword: 'true' }, found: [] },
  { name: 'requireOtp (delos mfa)', body: { mfa: { requireOtp: true, requirePass: true } }, found: [] },
  { name: 'secretQuestionSet', body: { secretQuestionSet: true }, found: [] },
  { name: 'pin_code_enabled', body: { pin_code_enabled: 'true' }, found: [] },
  { name: 'credit_card_last4', body: { credit_card_last4: '4242' }, found: [] },
  { name: 'api_key_id', body: { api_key_id: 'key_123' }, found: [] },
  { name: 'password_hint', body: { password_hint: 'pet name' }, found: [] },
  { name: 'passwordLength', body: { passwordLength: 12 }, found: [] },
  { name: 'next_page_token (pagination)', body: { next_page_token: 'abc' }, found: [] },
  { name: 'null password', body: { password: null }, found: [] },
  { name: 'empty password', body: { password: '' }, found: [] },
  { name: 'boolean secret', body: { secret: false }, found: [] },
  { name: 'object token (its fields are judged by name)', body: { token: { type: 'Bearer' } }, found: [] },
  { name: 'masked password ********', body: { password: '********' }, found: [] },
  { name: 'masked card ****4242', body: { card_number: '**** **** **** 4242' }, found: [] },
  { name: 'filtered value [FILTERED]', body: { api_key: '[FILTERED]' }, found: [] },
  { name: 'empty array of backup codes', body: { backup_codes: [] }, found: [] },
  {
    name: 'innocent words containing pin/otp',
    body: { shipping: 'x', spinner: 'y', photo: 'z', keyboard: 'k' },
    found: [],
  },
  { name: 'key and hash alone', body: { key: 'theme', hash: 'abc', id: 'u1' }, found: [] },
  { name: 'documented api_key', body: { data: { api_key: 'k' } }, documented: ['/data/api_key'], found: [] },
  {
    name: 'documented inside arrays (indices as *)',
    body: { data: { items: [{ token: 'a' }, { token: 'b' }] } },
    documented: ['/data/items/*/token'],
    found: [],
  },
  { name: 'a scalar body', body: 'password', found: [] },
];

for (const row of fieldRows) {
  test(`sensitive field: ${row.name} → ${row.found.map((f) => f.instancePath).join(', ') || 'nothing'}`, () => {
    expect(findSensitiveFields(row.body, new Set(row.documented ?? []))).toEqual(row.found);
  });
}

test('sensitive field: values never appear in the result', () => {
  const found = findSensitiveFields(
    { password: 'hunter2-canary', data: [{ token: 'tok-canary' }] },
    new Set(),
  );
  expect(found).toHaveLength(2);
  expect(JSON.stringify(found)).not.toContain('canary');
});

test('sensitive field: a very deep or very wide body is walked without overflowing the stack', () => {
  let deep: unknown = { password: 'p' };
  for (let i = 0; i < 50_000; i++) deep = { a: deep };
  expect(findSensitiveFields(deep, new Set())).toEqual([]);
  const wide = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`f${i}`, i]));
  expect(findSensitiveFields({ ...wide, token: 't' }, new Set())).toEqual([
    { instancePath: '/token', field: 'token' },
  ]);
});

const schemaRows: { name: string; schema: unknown; root?: unknown; paths: string[] }[] = [
  {
    name: 'nested properties',
    schema: {
      type: 'object',
      properties: { data: { type: 'object', properties: { api_key: { type: 'string' } } } },
    },
    paths: ['/data', '/data/api_key'],
  },
  {
    name: 'array items as *',
    schema: { properties: { items: { type: 'array', items: { properties: { token: {} } } } } },
    paths: ['/items', '/items/*/token'],
  },
  {
    name: 'prefixItems',
    schema: { properties: { pair: { prefixItems: [{ properties: { a: {} } }, { properties: { b: {} } }] } } },
    paths: ['/pair', '/pair/*/a', '/pair/*/b'],
  },
  {
    name: 'array at the root',
    schema: { type: 'array', items: { properties: { id: {} } } },
    paths: ['/*/id'],
  },
  {
    name: 'allOf / anyOf / oneOf',
    schema: {
      allOf: [{ properties: { a: {} } }],
      anyOf: [{ properties: { b: {} } }],
      oneOf: [{ properties: { c: {} } }, true],
    },
    paths: ['/a', '/b', '/c'],
  },
  {
    name: 'local $ref into $defs',
    schema: {
      properties: { user: { $ref: '#/$defs/User' } },
      $defs: { User: { properties: { password: {} } } },
    },
    paths: ['/user', '/user/password'],
  },
  {
    name: 'OpenAPI components ref against the document',
    schema: { $ref: '#/components/schemas/Envelope' },
    root: {
      components: {
        schemas: {
          Envelope: { properties: { data: { $ref: '#/components/schemas/User' } } },
          User: { properties: { id: {} } },
        },
      },
    },
    paths: ['/data', '/data/id'],
  },
  {
    name: 'recursive $ref documents three levels, then stops',
    schema: {
      $ref: '#/$defs/Node',
      $defs: { Node: { properties: { name: {}, children: { items: { $ref: '#/$defs/Node' } } } } },
    },
    paths: [
      '/name',
      '/children',
      '/children/*/name',
      '/children/*/children',
      '/children/*/children/*/name',
      '/children/*/children/*/children',
    ],
  },
  {
    name: 'a name with / is escaped',
    schema: { properties: { 'a/b': {} } },
    paths: ['/a~1b'],
  },
  {
    name: 'additionalProperties and unresolvable refs document nothing',
    schema: { additionalProperties: { properties: { x: {} } }, properties: { y: { $ref: 'other.json#/X' } } },
    paths: ['/y'],
  },
  { name: 'boolean schema', schema: true, paths: [] },
];

for (const row of schemaRows) {
  test(`documented paths: ${row.name}`, () => {
    expect([...documentedPropertyPaths(row.schema, row.root ?? row.schema)].sort()).toEqual(
      [...row.paths].sort(),
    );
  });
}

test('documented paths feed the detector: a documented secret is not flagged, an undocumented one is', () => {
  const schema = { properties: { data: { properties: { api_key: { type: 'string' } } } } };
  const body = { data: { api_key: 'k', password: 'p' } };
  expect(findSensitiveFields(body, documentedPropertyPaths(schema))).toEqual([
    { instancePath: '/data/password', field: 'password' },
  ]);
});
