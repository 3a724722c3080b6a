#!/usr/bin/env node
// Reads cookies with the Node frameworks' own code; prints what the app gets as JSON.
//
//   node read_node_cookie.mjs cookie-session|cookie-parser|express-session|jsonwebtoken SECRET COOKIE_HEADER|TOKEN
//
// cookie-session, cookie-parser (req.signedCookies), express-session (MemoryStore holding a session for $SESSION_ID):
// a real Express app on 127.0.0.1 gets one request carrying the Cookie header, as a browser sends it, and answers
// what the middleware made of it. jsonwebtoken: jwt.verify with the secret, HS256 only.
import { request } from 'node:http';
import cookieParser from 'cookie-parser';
import cookieSession from 'cookie-session';
import express from 'express';
import session from 'express-session';
import jwt from 'jsonwebtoken';

const [framework, secret, input] = process.argv.slice(2);

/** The middleware, and what the route answers with. */
function appFor(framework) {
  switch (framework) {
    case 'cookie-session':
      return [cookieSession({ name: 'session', keys: [secret] }), (req) => req.session];
    case 'cookie-parser':
      return [cookieParser(secret), (req) => req.signedCookies];
    case 'express-session': {
      const store = new session.MemoryStore();
      store.set(process.env.SESSION_ID, { cookie: { originalMaxAge: null, path: '/', httpOnly: true }, user: 'zoë' }, () => {});
      const middleware = session({ secret, store, resave: false, saveUninitialized: false });
      return [middleware, (req) => ({ sessionID: req.sessionID, user: req.session.user ?? null })];
    }
    default:
      throw new Error(`unknown framework ${framework}`);
  }
}

/** One GET with the Cookie header to an app serving the route on a free port, then the app stops. */
async function served(framework, cookieHeader) {
  const [middleware, answer] = appFor(framework);
  const app = express();
  app.use(middleware);
  app.get('/', (req, res) => res.json(answer(req)));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    return await new Promise((resolve, reject) => {
      const get = request({ host: '127.0.0.1', port: server.address().port, path: '/', headers: { cookie: cookieHeader } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve(JSON.parse(body)));
      });
      get.on('error', reject);
      get.end();
    });
  } finally {
    server.close();
  }
}

const read = framework === 'jsonwebtoken' ? jwt.verify(input, secret, { algorithms: ['HS256'] }) : await served(framework, input);
process.stdout.write(`${JSON.stringify(read)}\n`);
