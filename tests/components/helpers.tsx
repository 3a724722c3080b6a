import { cleanup, render } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { SessionLensView, type SessionLensViewProps } from '../../components/SessionLensView';
import { encodeBase64Url } from '../../lib/codec/base64';
import { encodeUtf8 } from '../../lib/codec/text';
import { hmacDigest } from '../../lib/crypto/digest';
import { decodeCookies } from '../../lib/decode/decode';
import { FLASK_SALT } from '../../lib/signing/itsdangerous';
import type { SavedSecret } from '../../lib/browser/site-settings';
import type { TabCookies } from '../../lib/browser/tab-channel';
import type { CookieInput, DecodeOptions, SessionReport } from '../../lib/types';
import { loadFixtures, type FixtureCase } from '../fixtures';

afterEach(cleanup);

export const FLASK = loadFixtures('flask.json');
/** The instant the fixtures were judged at (unix seconds). */
export const NOW = FLASK.now;
export const SITE = 'https://app.example.com';
export const PAGE_URL = `${SITE}/dashboard`;

export function flaskCase(id: string): FixtureCase {
  const found = FLASK.cases.find((testCase) => testCase.id === id);
  if (!found) throw new Error(`no fixture ${id}`);
  return found;
}

/** Attributes as the browser reports them for a well-set session cookie. */
export const BROWSER_FLAGS: Omit<CookieInput, 'name' | 'value'> = {
  domain: 'app.example.com',
  hostOnly: true,
  path: '/',
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
  session: true,
};

/** A fixture's cookie as the browser would hand it over (with flags), optionally renamed or re-flagged. */
export function browserCookie(id: string, extra: Partial<CookieInput> = {}): CookieInput {
  return { ...BROWSER_FLAGS, ...flaskCase(id).cookie, ...extra };
}

/** Runs the real decoder the way the entry points do. */
export async function decode(cookies: CookieInput[], options: DecodeOptions = {}): Promise<SessionReport[]> {
  return decodeCookies(cookies, { now: NOW, ...options });
}

/** Decodes one fixture case with its own secrets (known-key check on unless told). */
export async function decodeCase(id: string, options: DecodeOptions = {}): Promise<{ report: SessionReport; cookie: CookieInput }> {
  const testCase = flaskCase(id);
  const cookie = browserCookie(id);
  const [report] = await decode([cookie], { secrets: testCase.secrets, ...testCase.options, ...options });
  return { report: report!, cookie };
}

/**
 * A Flask session cookie signed like Flask 2.x does (itsdangerous, salt cookie-session, HMAC key derivation, SHA-1),
 * or with the app's own salt (`session_interface.salt`).
 */
export function signFlaskSession(payload: unknown, secret: string, { issuedAt = NOW - 180, salt = FLASK_SALT } = {}): string {
  const body = encodeBase64Url(encodeUtf8(JSON.stringify(payload)));
  const timeBytes: number[] = [];
  for (let rest = issuedAt; rest > 0; rest = Math.floor(rest / 256)) timeBytes.unshift(rest % 256);
  const time = encodeBase64Url(Uint8Array.from(timeBytes));
  const key = hmacDigest('sha1', encodeUtf8(secret), encodeUtf8(salt));
  const signature = encodeBase64Url(hmacDigest('sha1', key, encodeUtf8(`${body}.${time}`)));
  return `${body}.${time}.${signature}`;
}

export function cookiesTab(cookies: CookieInput[]): TabCookies {
  return { kind: 'cookies', url: PAGE_URL, site: SITE, cookies };
}

export type ViewCallbacks = Pick<SessionLensViewProps, 'onAddSecret' | 'onRemoveSecret' | 'onSetMaxAge' | 'onSetSalt' | 'onRequestAccess' | 'onOpenOptions'>;

/** Secrets as saved on the device (what a normal window saves). */
export function onDevice(secrets: readonly string[]): SavedSecret[] {
  return secrets.map((secret) => ({ secret, kept: 'device' }));
}

/** Props for SessionLensView with spy callbacks; the settings' secrets are kept on the device unless told. */
export function viewProps(overrides: Partial<SessionLensViewProps> = {}): SessionLensViewProps {
  return {
    tab: null,
    reports: null,
    cookies: [],
    settings: { secrets: [] },
    savedSecrets: onDevice(overrides.settings?.secrets ?? []),
    now: NOW,
    layout: 'popup',
    onAddSecret: vi.fn(),
    onRemoveSecret: vi.fn(),
    onSetMaxAge: vi.fn(),
    onSetSalt: vi.fn(),
    onRequestAccess: vi.fn(),
    ...overrides,
  };
}

/** Decodes the cookies and renders the whole page for them. */
export async function renderPage(cookies: CookieInput[], overrides: Partial<SessionLensViewProps> = {}, options: DecodeOptions = {}) {
  const settings = overrides.settings ?? { secrets: [] };
  const reports = await decode(cookies, { secrets: settings.secrets, ...(settings.maxAge !== undefined ? { maxAge: settings.maxAge } : {}), ...options });
  const props = viewProps({ tab: cookiesTab(cookies), reports, cookies, ...overrides });
  return { props, reports, ...render(<SessionLensView {...props} />) };
}
