import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CookieInput } from '../lib/types';

/** One case made by a real framework (see scripts/fixtures/). */
export interface FixtureCase {
  id: string;
  description: string;
  cookie: CookieInput;
  companions?: CookieInput[];
  secrets: string[];
  options?: { salt?: string; maxAge?: number };
  expect: {
    format: string;
    payload: unknown;
    header?: unknown;
    typed?: unknown;
    issuedAt: number | null;
    expiresAt: number | null;
    expired: boolean | null;
    signature: { status: string; secretIndex?: number; attack?: string };
    config?: Record<string, string>;
  };
}

export interface FixtureFile {
  generator: string;
  versions: Record<string, string>;
  now: number;
  cases: FixtureCase[];
}

/** Fixture files whose formats the decoder supports (each new format adds its file here). */
export const SUPPORTED_FIXTURES = ['flask.json', 'django.json', 'express.json', 'jwt-pyjwt.json', 'jwt-jsonwebtoken.json', 'jwt-confusion.json', 'rails.json', 'laravel.json', 'starlette.json', 'tornado.json', 'iron.json', 'remix.json', 'hono.json', 'koa-session.json', 'authjs.json', 'supabase.json', 'gorilla.json', 'rack-session.json'];

export const FIXTURE_DIR = join(import.meta.dirname, 'fixtures');

export function loadFixtures(file: string): FixtureFile {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as FixtureFile;
}

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURE_DIR).filter((name) => name.endsWith('.json')).sort();
}
