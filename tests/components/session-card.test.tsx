import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionCard, type SessionCardProps } from '../../components/SessionCard';
import { decodeCookies } from '../../lib/decode/decode';
import type { CookieInput, SessionReport } from '../../lib/types';
import { loadFixtures } from '../fixtures';
import { BROWSER_FLAGS, browserCookie, decode, decodeCase, flaskCase, NOW, onDevice, PAGE_URL, signFlaskSession } from './helpers';

function renderCard(report: SessionReport, cookie: CookieInput | undefined, overrides: Partial<SessionCardProps> = {}) {
  const props: SessionCardProps = {
    report,
    cookie,
    pageUrl: PAGE_URL,
    savedSecrets: [],
    now: NOW,
    jar: cookie ? [cookie] : [],
    ...overrides,
  };
  render(<SessionCard {...props} />);
  return screen.getByRole('article');
}

/** The <dd> next to a <dt>. */
function termValue(card: HTMLElement, term: string): string {
  const dt = Array.from(card.querySelectorAll('dt')).find((element) => element.textContent === term);
  if (!dt) throw new Error(`no term ${term}`);
  return dt.nextElementSibling!.textContent!;
}

/** Decodes a fixture as the browser would hand it over (plus `cookieExtra`) and renders its card. */
async function cardFor(id: string, cookieExtra: Partial<CookieInput> = {}, overrides: Partial<SessionCardProps> = {}) {
  const testCase = flaskCase(id);
  const cookie = browserCookie(id, cookieExtra);
  const [report] = await decode([cookie], { secrets: testCase.secrets, ...testCase.options });
  return { report: report!, card: renderCard(report!, cookie, overrides) };
}

describe('SessionCard', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the name, format, signature, contents and explained keys of a Flask-Login session', async () => {
    const { card, report } = await cardFor('flask-login-session');
    expect(within(card).getByRole('heading', { level: 3 }).textContent).toBe('session');
    expect(within(card).getByText('Flask session')).toBeTruthy();
    expect(within(card).getByText('Valid — secret #1')).toBeTruthy();
    expect(within(card).getByText(report.signature.detail!)).toBeTruthy();
    expect(within(card).getByRole('list', { name: 'Contents of session' })).toBeTruthy();
    expect(within(card).getByText("Flask-Login: the logged-in user's id")).toBeTruthy();
  });

  it('shows when it was issued, absolute and relative', async () => {
    const { card, report } = await cardFor('flask-custom-lifetime-valid');
    const issued = termValue(card, 'Issued');
    expect(issued).toContain('(10 min ago)');
    expect(issued).toContain(new Date(report.issuedAt! * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }));
    expect(within(card).getAllByText((_, element) => element?.tagName === 'TIME').length).toBeGreaterThan(0);
  });

  it('shows server-side expiry and browser expiry, each time one <div> group of the <dl> (as HTML allows)', async () => {
    const { card } = await cardFor('flask-plain', { expirationDate: NOW + 7 * 86400, session: false });
    expect(termValue(card, 'Server-side expiry')).toContain('(in 31 days)');
    expect(termValue(card, 'Browser cookie expiry')).toContain('(in 7 days)');
    const groups = [...card.querySelector('dl.sl-times')!.children];
    expect(groups.map((group) => `${group.tagName} ${[...group.children].map((child) => child.tagName).join(' ')}`)).toEqual(['DIV DT DD', 'DIV DT DD', 'DIV DT DD']);
    expect(groups.map((group) => group.querySelector('dt')!.textContent)).toEqual(['Issued', 'Server-side expiry', 'Browser cookie expiry']);
  });

  it('says a cookie without an expiry ends with the browser session', async () => {
    const { card } = await cardFor('flask-plain');
    expect(termValue(card, 'Browser cookie expiry')).toBe('Ends with the browser session');
  });

  it('says a time no date can hold is out of range (a JWT with exp 1e20)', async () => {
    const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
    const cookie = { ...BROWSER_FLAGS, name: 'token', value: `${part({ alg: 'none' })}.${part({ sub: 'far', iat: -1e20, exp: 1e20 })}.` };
    const [report] = await decode([cookie]);
    const card = renderCard(report!, cookie);
    expect(termValue(card, 'Issued')).toBe('out of range (-100000000000000000000)');
    expect(termValue(card, 'Server-side expiry')).toBe('out of range (100000000000000000000)');
  });

  it('says when the cookie carries no time at all', async () => {
    const { card } = await cardFor('flask-login-remember-plain');
    expect(termValue(card, 'Issued')).toBe('Not recorded in the cookie');
    expect(termValue(card, 'Server-side expiry')).toBe('Not recorded in the cookie');
  });

  it('shows "Expired" loudly for an expired session', async () => {
    const { card } = await cardFor('flask-expired');
    const banner = card.querySelector('.sl-expired')!;
    expect(within(banner as HTMLElement).getByText('Expired').tagName).toBe('STRONG');
    expect(banner.textContent).toContain('the server stopped accepting this session 9 days ago');
    expect(card.className).toContain('sl-card--expired');
    // The banner comes before the contents.
    expect(banner.compareDocumentPosition(within(card).getByText('Contents')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('judges expiry with the saved lifetime', async () => {
    const { card } = await cardFor('flask-custom-lifetime-expired');
    expect(within(card).getByText('Expired')).toBeTruthy();
    expect(termValue(card, 'Server-side expiry')).toContain('(1 hour ago)');
  });

  it('shows no Expired banner for a live session', async () => {
    const { card } = await cardFor('flask-plain');
    expect(within(card).queryByText('Expired')).toBeNull();
  });

  it('lists facts and warnings', async () => {
    const { card } = await cardFor('flask-legacy-epoch');
    expect(termValue(card, 'digest')).toBe('SHA-1');
    expect(termValue(card, 'epoch')).toBe('itsdangerous < 1.0 (seconds since 2011-01-01)');
    const warnings = within(card).getByRole('heading', { name: 'Warnings' }).parentElement!;
    expect(warnings.textContent).toContain('Signed by itsdangerous older than 1.0');
  });

  it('decides by warning code, not by wording, which warning the alert already says', async () => {
    const cookie = browserCookie('flask-legacy-epoch');
    const [report] = await decode([cookie], { secrets: flaskCase('flask-legacy-epoch').secrets });
    // Words can look alike (a site shapes a payload, a format changes its wording): only the code says which is which.
    const lookalike = 'Signed with a publicly known key "dev": anyone can forge this session.';
    const forged = { ...report!, signature: { ...report!.signature, knownSecret: 'dev' }, warnings: [lookalike], warningCodes: ['legacy-timestamp' as const] };
    const card = renderCard(forged, cookie);
    expect(within(card).getByRole('heading', { name: 'Warnings' }).parentElement!.textContent).toContain(lookalike);
  });

  it('explains a decoding error in plain words', async () => {
    const { card } = await cardFor('flask-tampered-payload-garbled');
    expect(within(card).getByText('This looks like a Flask session, but it could not be decoded: payload is not JSON.')).toBeTruthy();
    expect(within(card).getByText('Invalid signature')).toBeTruthy();
  });

  it('shows the raw value and copies it to the clipboard', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { card } = await cardFor('flask-plain');
    const raw = card.querySelector('.sl-raw-value')!;
    const value = (await decodeCase('flask-plain')).cookie.value;
    expect(raw.textContent).toBe(value);
    await user.click(within(card).getByRole('button', { name: 'Copy raw value' }));
    expect(writeText).toHaveBeenCalledWith(value);
    expect(within(card).getByRole('status').textContent).toBe('Copied to the clipboard.');
  });

  it('says how to copy by hand when the clipboard refuses', async () => {
    const user = userEvent.setup();
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) } });
    const { card } = await cardFor('flask-plain');
    await user.click(within(card).getByRole('button', { name: 'Copy raw value' }));
    expect(within(card).getByRole('status').textContent).toMatch(/Could not copy automatically: select the value and press Ctrl\+C/);
  });

  it('copes with no clipboard API at all', async () => {
    const user = userEvent.setup();
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined });
    const { card } = await cardFor('flask-plain');
    await user.click(within(card).getByRole('button', { name: 'Copy raw value' }));
    expect(within(card).getByRole('status').textContent).toMatch(/Could not copy automatically/);
  });

  it("shows the cookie's attributes and flag warnings", async () => {
    const { card } = await cardFor('flask-plain', { httpOnly: false, sameSite: 'no_restriction', domain: '.example.com', hostOnly: false });
    const attributes = within(card).getByRole('list', { name: 'Cookie attributes' });
    expect(within(attributes).getByText('not HttpOnly')).toBeTruthy();
    expect(within(attributes).getByText('SameSite=None')).toBeTruthy();
    expect(attributes.textContent).toContain('Domain=example.com');
    const warnings = within(card).getByRole('list', { name: 'Cookie attribute warnings' });
    const items = within(warnings).getAllByRole('listitem');
    expect(items[0]!.textContent).toMatch(/^Danger: Not HttpOnly/);
    expect(items.some((item) => /^Warning: Domain=example.com/.test(item.textContent!))).toBe(true);
  });

  it('says which key verifies an unverified session and asks for it in the site\'s secret form', async () => {
    const user = userEvent.setup();
    const onAskForSecret = vi.fn();
    const { card } = await cardFor('flask-no-secret', {}, { onAskForSecret });
    expect(within(card).getByText(/^The signature is checked with SECRET_KEY\./)).toBeTruthy();
    expect(within(card).queryByLabelText('Add secret key')).toBeNull();
    await user.click(within(card).getByRole('button', { name: 'Add secret key for session' }));
    expect(onAskForSecret).toHaveBeenCalledOnce();
  });

  it('names every button with its visible words first (WCAG 2.5.3, label in name: speech users say what they see)', async () => {
    const { card } = await cardFor('flask-no-secret', {}, { onAskForSecret: vi.fn(), onWriteCookies: vi.fn() });
    const buttons = within(card).getAllByRole('button');
    expect(buttons.map((button) => button.textContent!.trim())).toEqual(expect.arrayContaining(['Add secret key', 'Edit session', 'Edit raw value']));
    for (const button of buttons) expect(button.getAttribute('aria-label') ?? button.textContent!.trim()).toContain(button.textContent!.trim());
  });

  it('asks for no key once the signature is valid', async () => {
    const { card } = await cardFor('flask-plain', {}, { savedSecrets: onDevice(['s3cr3t-flask-key']) });
    expect(within(card).queryByText(/The signature is checked with/)).toBeNull();
    expect(within(card).queryByRole('button', { name: /Add secret key for/ })).toBeNull();
  });
});

describe('SessionCard with a publicly known key', () => {
  async function knownKeyCard(format?: SessionReport['format']) {
    const cookie: CookieInput = { name: 'session', value: signFlaskSession({ _user_id: '1' }, 'dev') };
    const [report] = await decode([cookie]);
    return renderCard(format ? { ...report!, format } : report!, cookie);
  }

  it('makes the known key the loudest thing on the card', async () => {
    const card = await knownKeyCard();
    const alert = within(card).getByRole('alert');
    expect(alert.textContent).toContain('Signed with a publicly known key dev: anyone can forge this session.');
    expect(alert.querySelector('code')!.textContent).toBe('dev');
    // First thing after the card header.
    expect(card.querySelector('header')!.nextElementSibling).toBe(alert);
    expect(card.className).toContain('sl-card--danger');
    expect(within(card).getByText('Valid — publicly known key')).toBeTruthy();
  });

  it('does not repeat the known-key warning in the warnings list', async () => {
    const card = await knownKeyCard();
    expect(within(card).queryByRole('heading', { name: 'Warnings' })).toBeNull();
  });

  it('gives the Flask way to make a new key', async () => {
    const card = await knownKeyCard();
    expect(within(card).getByRole('alert').textContent).toContain(`python -c 'import secrets; print(secrets.token_hex(32))'`);
    expect(within(card).getByRole('alert').textContent).toContain('SECRET_KEY');
  });

  it.each([
    ['django-session', `python -c 'import secrets; print(secrets.token_hex(32))'`],
    ['express-cookie-session', `node -e "console.log(require('crypto').randomBytes(32).toString('hex'))"`],
    ['rails-encrypted', 'bin/rails secret'],
    ['laravel-encrypted', 'php artisan key:generate'],
  ] as const)('gives the %s way to make a new key', async (format, command) => {
    const card = await knownKeyCard(format);
    expect(within(card).getByRole('alert').textContent).toContain(command);
    expect(within(card).getByRole('alert').textContent).toContain('32+ bytes');
  });

  it.each([
    ['authjs', 'npx auth secret', 'set it as AUTH_SECRET (NextAuth v4: NEXTAUTH_SECRET)'],
    ['supabase', 'openssl rand -hex 32', "set it as the project's JWT secret (Dashboard → Settings → API)"],
    ['koa-session', `node -e "console.log(require('crypto').randomBytes(32).toString('hex'))"`, 'set it as app.keys'],
  ] as const)('names the %s setting to replace', async (format, command, setting) => {
    const card = await knownKeyCard(format);
    expect(within(card).getByRole('alert').textContent).toContain(command);
    expect(within(card).getByRole('alert').textContent).toContain(setting);
  });
});

describe('SessionCard with a JWT forged with the public key (algorithm confusion)', () => {
  const fixtures = loadFixtures('jwt-confusion.json');

  /** A fixture token as the browser hands it over, decoded with the fixture's saved keys (known-key check on). */
  async function confusionCard(id: string) {
    const testCase = fixtures.cases.find((candidate) => candidate.id === id)!;
    const cookie: CookieInput = { ...BROWSER_FLAGS, ...testCase.cookie };
    const [report] = await decodeCookies([cookie], { now: fixtures.now, secrets: testCase.secrets });
    return renderCard(report!, cookie, { now: fixtures.now, savedSecrets: onDevice(testCase.secrets) });
  }

  it('shows the forgery as the loudest finding, naming the attack and the public key', async () => {
    const card = await confusionCard('jwt-confusion-certificate');
    const alert = within(card).getByRole('alert');
    expect(alert.textContent).toContain('Forged with the public key (secret #1) as its HMAC secret: JWT algorithm confusion.');
    expect(alert.textContent).toContain('an app whose JWT library accepts this one is vulnerable');
    expect(card.querySelector('header')!.nextElementSibling).toBe(alert);
    expect(card.className).toContain('sl-card--danger');
    expect(within(card).getByText('Forged — public key as HMAC secret')).toBeTruthy();
    expect(card.querySelector('[data-status]')!.getAttribute('data-status')).toBe('invalid');
    expect(within(card).queryByText('Valid — secret #1')).toBeNull();
  });

  it('does not repeat the forgery warning in the warnings list', async () => {
    const card = await confusionCard('jwt-confusion-spki');
    expect(within(card).queryByRole('heading', { name: 'Warnings' })).toBeNull();
  });

  it('a plain wrong key is no forgery: no alert', async () => {
    const card = await confusionCard('jwt-confusion-hs256-other-key');
    expect(within(card).queryByRole('alert')).toBeNull();
    expect(within(card).getByText('Invalid signature')).toBeTruthy();
  });
});
