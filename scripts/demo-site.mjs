// The `npm run demo` site: a page on 127.0.0.1 that sets real sessions made by real frameworks (the committed
// fixtures in tests/fixtures/, see scripts/fixtures/) and explains what Session Lens shows for each of them.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '../tests/fixtures');
const DAY = 86_400;

/** One fixture case: its cookie (and companions) as the framework put them on the wire. */
function fixtureCase(file, id) {
  const fixtures = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
  const found = fixtures.cases.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`tests/fixtures/${file} has no case ${id}`);
  return { ...found, file, generator: fixtures.generator, versions: fixtures.versions, madeAt: fixtures.now };
}

/**
 * The sample sessions, each with the attributes its framework gives the cookie by default, the secret that
 * verifies it and what to look at. `secret: null` = nothing to type (the key is publicly known).
 */
export function demoSessions() {
  return [
    {
      framework: 'Flask',
      title: 'Flask session after Flask-Login\'s login_user()',
      fixture: fixtureCase('flask.json', 'flask-login-session'),
      attributes: 'Path=/; HttpOnly',
      secret: 's3cr3t-flask-key',
      look: 'Contents shows _user_id, _fresh and _id; the badge says "Not verified" until you add the secret, then "Valid". Issued and server-side expiry (31 days) come from the signature\'s timestamp.',
    },
    {
      framework: 'Flask-Login',
      title: 'Flask-Login "remember me" token',
      fixture: fixtureCase('flask.json', 'flask-login-remember-plain'),
      attributes: `Max-Age=${365 * DAY}; Path=/; HttpOnly`,
      secret: 's3cr3t-flask-key',
      look: 'The user id (42) and the HMAC-SHA512 digest Flask-Login checks; the same Flask secret verifies it.',
    },
    {
      framework: 'Flask (tutorial key)',
      title: 'Flask session signed with the tutorial\'s SECRET_KEY = \'dev\'',
      fixture: fixtureCase('demo.json', 'flask-known-key-dev'),
      attributes: 'Path=/; HttpOnly',
      secret: null,
      look: 'Without typing anything: a red card and "Valid — publicly known key". Anyone can forge this session (user_id 1).',
    },
    {
      framework: 'Django',
      title: 'Django signed_cookies session after a django.contrib.auth login',
      fixture: fixtureCase('django.json', 'django-session-auth'),
      attributes: `Max-Age=${14 * DAY}; Path=/; HttpOnly; SameSite=Lax`,
      secret: 'django-insecure-fixture-secret-key-0123456789abcdef',
      look: 'zlib-compressed payload decoded: _auth_user_id, _auth_user_backend, _auth_user_hash; expiry from SESSION_COOKIE_AGE (2 weeks).',
    },
    {
      framework: 'JWT (PyJWT)',
      title: 'HS256 JSON Web Token',
      fixture: fixtureCase('jwt-pyjwt.json', 'jwt-pyjwt-hs256'),
      attributes: 'Path=/; SameSite=Strict',
      secret: 'pyjwt-fixture-hmac-secret-0123456789abcdef0123456789abcdef0123456789abcdef',
      look: 'Claims (sub, name, role, iat, exp) and the header as a fact. Its exp was one hour after the fixture was made, so it reads "Expired": the server would refuse it.',
    },
    {
      framework: 'Express',
      title: 'Express cookie-session pair (myapp + myapp.sig, keygrip)',
      fixture: fixtureCase('express.json', 'express-cookie-session-custom-name'),
      attributes: 'Path=/; HttpOnly',
      secret: 'k1',
      look: 'One card for the pair: the base64 JSON ({"userId": 9}) and its .sig companion; the HMAC covers the cookie name too. "k1" is also short enough to be called weak.',
    },
  ];
}

/** Cookies that are not sessions, so the "Other cookies" list has something in it. */
const OTHER_COOKIES = [
  { name: 'theme', value: 'dark', attributes: 'Path=/; SameSite=Lax' },
  { name: 'consent', value: 'analytics%3Dno', attributes: `Max-Age=${180 * DAY}; Path=/; SameSite=Lax` },
];

/** Every cookie the demo sets: name, value as on the wire, attributes. */
export function demoCookies() {
  const cookies = [];
  for (const session of demoSessions()) {
    for (const cookie of [session.fixture.cookie, ...(session.fixture.companions ?? [])]) {
      cookies.push({ name: cookie.name, value: cookie.value, attributes: session.attributes });
    }
  }
  return [...cookies, ...OTHER_COOKIES];
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function page(host, loggedIn) {
  const sessions = demoSessions();
  const rows = sessions
    .map((session) => {
      const names = [session.fixture.cookie, ...(session.fixture.companions ?? [])].map((cookie) => `<code>${escape(cookie.name)}</code>`).join(' + ');
      const made = new Date(session.fixture.madeAt * 1000).toISOString().slice(0, 10);
      const versions = Object.entries(session.fixture.versions)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ');
      const secret = session.secret === null ? '<em>nothing: the key is publicly known</em>' : `<code class="secret">${escape(session.secret)}</code>`;
      return `<tr>
  <td>${names}<br><small>${escape(session.framework)}</small></td>
  <td>${escape(session.title)}<br><small>made ${made} by <code>${escape(session.fixture.generator)}</code> (${escape(versions)}), case <code>${escape(session.fixture.id)}</code></small></td>
  <td>${secret}</td>
  <td>${escape(session.look)}</td>
</tr>`;
    })
    .join('\n');
  const secrets = [...new Set(sessions.map((session) => session.secret).filter((secret) => secret !== null))];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Session Lens demo</title>
<style>
  :root { color-scheme: light dark; font: 15px/1.5 system-ui, sans-serif; }
  body { max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #8886; padding: .5rem; vertical-align: top; text-align: left; }
  code { font-size: .9em; overflow-wrap: anywhere; }
  .secret { user-select: all; }
  .status { padding: .5rem 1rem; border-radius: .5rem; background: #8882; }
  small { opacity: .8; }
</style></head>
<body>
<h1>Session Lens demo</h1>
<p class="status">${
    loggedIn
      ? `This page just set ${demoCookies().length} cookies on <b>${escape(host)}</b>: the real sessions below and two ordinary cookies. <a href="/logout">Log out</a> clears them.`
      : `Logged out: the cookies are gone. Watch the open popup or Session panel empty itself, then <a href="/login">log in again</a> and watch them come back.`
  }</p>

<h2>What to do</h2>
<ol>
  <li>Click the Session Lens button in the toolbar (pin it from the puzzle-piece menu if you do not see it).
    It first asks for this site: click <b>Allow Session Lens to read cookies on ${escape(host)}</b>, then <b>Allow</b> in Chromium's prompt, and open it again.</li>
  <li>Each session gets a card: contents, issued and expiry times, cookie flags, and a signature badge.
    Without secrets the badges say <b>Not verified</b>, except the Flask tutorial session, which is signed with the publicly known key <code>dev</code>.</li>
  <li>Open a card's <b>Secret keys and lifetime</b>, paste a secret from the table into <b>Add secret key</b> and press <b>Add</b>: the sessions it signed turn <b>Valid</b>. Try a wrong one first to see <b>Invalid signature</b>.</li>
  <li>Open DevTools (F12) and its <b>Session</b> panel: the same cards, wider. <a href="/logout">Log out</a> and <a href="/login">log in</a> here and watch the panel update without reloading.</li>
  <li>Secrets stay in the extension's local storage for this site only; the <b>Options</b> page lists them and forgets them.</li>
</ol>

<h2>The sessions</h2>
<table>
<thead><tr><th>Cookie</th><th>Made by</th><th>Secret to try</th><th>What to look at</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>

<h2>Every secret, one per line</h2>
<pre class="secret">${secrets.map(escape).join('\n')}</pre>
<p><small>Each value is exactly what the framework put in its Set-Cookie header when the fixture was made (see <code>scripts/fixtures/README.md</code>);
this server only replays them. Times are the real signing times, so sessions older than their lifetime read as expired.</small></p>
</body></html>
`;
}

function setCookieHeaders() {
  return demoCookies().map((cookie) => `${cookie.name}=${cookie.value}; ${cookie.attributes}`);
}

function clearCookieHeaders() {
  return demoCookies().map((cookie) => `${cookie.name}=; Max-Age=0; Path=/`);
}

/**
 * Serves the demo on `host:port` (port 0: any free port). GET / sets the sessions and shows the page, /logout clears
 * them, /login sets them again.
 */
export function startDemoSite({ host = '127.0.0.1', port = 0 } = {}) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? host}`);
    const send = (status, headers, body = '') => {
      response.writeHead(status, { 'cache-control': 'no-store', ...headers });
      response.end(body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, { allow: 'GET, HEAD' });
    switch (url.pathname) {
      case '/':
        if (url.searchParams.has('loggedout')) return send(200, { 'content-type': 'text/html; charset=utf-8' }, page(url.host, false));
        return send(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': setCookieHeaders() }, page(url.host, true));
      case '/login':
        return send(303, { location: '/', 'set-cookie': setCookieHeaders() });
      case '/logout':
        return send(303, { location: '/?loggedout', 'set-cookie': clearCookieHeaders() });
      case '/favicon.ico':
        return send(204, {});
      default:
        return send(404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found: try /');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({
        url: `http://${host}:${address.port}/`,
        server,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections(); // the browser keeps connections alive
          }),
      });
    });
  });
}
