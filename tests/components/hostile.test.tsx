import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsView } from '../../components/OptionsView';
import { SessionLensView } from '../../components/SessionLensView';
import type { CookieInput, SessionReport, TypedValue } from '../../lib/types';
import { cookiesTab, decode, PAGE_URL, SITE, signFlaskSession, viewProps } from './helpers';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const JS_URL = 'javascript:alert(1)';
const HUGE = `${'A'.repeat(100_000)}HUGE-TAIL`;
const LONE_SURROGATES = 'lone \uD800 high and \uDC00 low';
const REPLACEMENT = 'bad utf-8 \uFFFD\uFFFD here';
const RTL = 'invoice\u202Efdp.exe';
const HOSTILE = [SCRIPT, IMG, JS_URL, HUGE, LONE_SURROGATES, REPLACEMENT, RTL] as const;
const SHORT_HOSTILE = HOSTILE.filter((text) => text !== HUGE);

function str(value: string): TypedValue {
  return { type: 'string', value };
}

/** A payload whose keys and values are all hostile, at several depths and in every typed shape. */
const HOSTILE_TYPED: TypedValue = {
  type: 'dict',
  entries: [
    ...HOSTILE.map((text, index): [string, TypedValue] => [text, str(HOSTILE[(index + 1) % HOSTILE.length]!)]),
    ['nested', { type: 'dict', entries: [[SCRIPT, { type: 'list', items: HOSTILE.map(str) }], [IMG, { type: 'tuple', items: [str(JS_URL), { type: 'markup', value: SCRIPT }] }]] }],
    ['markup', { type: 'markup', value: IMG }],
    ['uuid', { type: 'uuid', value: SCRIPT }],
    ['datetime', { type: 'datetime', value: IMG }],
    ['bytes', { type: 'bytes', base64: 'PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' }],
    ['not-base64', { type: 'bytes', base64: JS_URL }],
    ['_flashes', { type: 'list', items: [{ type: 'tuple', items: [str(SCRIPT), str(IMG)] }, { type: 'tuple', items: [str(RTL), { type: 'markup', value: JS_URL }] }] }],
    ['__proto__', str(SCRIPT)],
    ['constructor', str(IMG)],
  ],
};

function hostileReport(name: string, overrides: Partial<SessionReport> = {}): SessionReport {
  return {
    name,
    format: 'flask',
    label: IMG,
    isSession: true,
    payload: null,
    typed: HOSTILE_TYPED,
    issuedAt: 1_700_000_000,
    expiresAt: 1_700_000_100,
    expired: true,
    cookieExpiresAt: Number.MAX_SAFE_INTEGER,
    signature: { status: 'valid', knownSecret: SCRIPT, detail: IMG, config: { [SCRIPT]: IMG } },
    warnings: [...HOSTILE],
    warningCodes: HOSTILE.map(() => 'other-cookie' as const),
    facts: Object.fromEntries(HOSTILE.map((text, index) => [text, HOSTILE[(index + 2) % HOSTILE.length]!])),
    error: `malformed: ${SCRIPT}${IMG}`,
    problem: { code: 'malformed', message: `${SCRIPT}${IMG}` },
    ...overrides,
  };
}

function hostileCookie(name: string, value: string): CookieInput {
  return { name, value, domain: `.${IMG}`, hostOnly: false, path: JS_URL, httpOnly: false, secure: false, sameSite: 'no_restriction', partitionKey: { topLevelSite: SCRIPT } };
}

const COOKIES: CookieInput[] = [
  hostileCookie(SCRIPT, SCRIPT),
  hostileCookie(IMG, HUGE),
  hostileCookie(JS_URL, JS_URL),
  hostileCookie(RTL, LONE_SURROGATES),
  hostileCookie(HUGE, REPLACEMENT),
];
const REPORTS: SessionReport[] = [
  hostileReport(SCRIPT),
  hostileReport(IMG, { signature: { status: 'invalid', detail: JS_URL } }),
  hostileReport(JS_URL, { isSession: false }),
  hostileReport(RTL, { isSession: false, format: 'unknown', error: `internal error: ${IMG}` }),
  hostileReport(HUGE, { signature: { status: 'unverified', detail: HUGE } }),
];

/** Nothing a browser would run or fetch: no script/img/iframe/links, no event-handler or URL attributes. */
function expectInert(root: HTMLElement) {
  expect(root.querySelectorAll('script, img, iframe, frame, object, embed, svg, math, link, style, base, form[action], a, area, video, audio, source').length).toBe(0);
  for (const element of Array.from(root.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      expect(attribute.name, `attribute on <${element.tagName}>`).not.toMatch(/^(on|href$|src$|srcset$|srcdoc$|action$|formaction$|xlink:href$|style$)/i);
      // A tooltip is only ever shown as text; every other attribute must not carry a javascript: URL at all.
      if (attribute.name !== 'title') expect(attribute.value.toLowerCase(), `${attribute.name} on <${element.tagName}>`).not.toContain('javascript:');
    }
  }
}

async function expandEverything(user: ReturnType<typeof userEvent.setup>) {
  // Open every collapsed toggle and "Show more" until nothing is left to open.
  for (let round = 0; round < 10; round++) {
    const closed = screen.queryAllByRole('button', { expanded: false });
    if (closed.length === 0) break;
    for (const button of closed) if (button.isConnected) await user.click(button);
  }
  for (const details of Array.from(document.querySelectorAll('details'))) details.open = true;
}

describe('hostile cookie data is shown as inert text', () => {
  let alertSpy: ReturnType<typeof vi.fn>;
  let consoleError: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    alertSpy = vi.fn();
    vi.stubGlobal('alert', alertSpy);
    consoleError = vi.spyOn(console, 'error');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    expect(alertSpy).not.toHaveBeenCalled();
    expect(consoleError, 'React reported no error').not.toHaveBeenCalled();
    consoleError.mockRestore();
  });

  it('renders hostile names, keys, values, facts, warnings, errors and raw values without creating elements', async () => {
    const user = userEvent.setup({ delay: null });
    let container!: HTMLElement;
    expect(() => {
      ({ container } = render(<SessionLensView {...viewProps({ tab: cookiesTab(COOKIES), reports: REPORTS, cookies: COOKIES, settings: { secrets: [SCRIPT, IMG] } })} />));
    }).not.toThrow();
    expectInert(container);

    await expandEverything(user);
    expectInert(container);

    const text = container.textContent!;
    for (const hostile of [SCRIPT, IMG, JS_URL, REPLACEMENT]) expect(text).toContain(hostile);
    expect(text).toContain('HUGE-TAIL');
    expect(text.split(SCRIPT).length).toBeGreaterThan(10);
  }, 60_000);

  it('makes RTL overrides and lone surrogates visible instead of letting them act', () => {
    const { container } = render(<SessionLensView {...viewProps({ tab: cookiesTab(COOKIES), reports: REPORTS, cookies: COOKIES, settings: { secrets: [] } })} />);
    const text = container.textContent!;
    expect(text).not.toContain('\u202E');
    expect(text).toContain('invoice\\u202Efdp.exe');
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(text).toContain('lone \\uD800 high and \\uDC00 low');
    const escape = Array.from(container.querySelectorAll('.sl-escape')).find((element) => element.textContent === '\\u202E')!;
    expect(escape.getAttribute('title')).toBe('RIGHT-TO-LEFT OVERRIDE');
  });

  it('cuts a 100 KB value to a readable length until asked for more', () => {
    const { container } = render(<SessionLensView {...viewProps({ tab: cookiesTab(COOKIES), reports: REPORTS, cookies: COOKIES })} />);
    expect(container.textContent!).not.toContain('HUGE-TAIL');
    expect(container.textContent!.length).toBeLessThan(100_000);
    expect(screen.getAllByRole('button', { name: /^Show more \(99,\d{3} characters more\)$/ }).length).toBeGreaterThan(0);
  });

  it('shows hostile text in the designed states as text', () => {
    const states = [
      viewProps({ tab: { kind: 'no-access', url: JS_URL, site: SCRIPT, host: IMG } }),
      viewProps({ tab: { kind: 'unsupported', url: JS_URL, reason: SCRIPT } }),
      viewProps({ tab: { kind: 'error', message: `${IMG}\n    at evil (${JS_URL})` } }),
      viewProps({ tab: { kind: 'cookies', url: JS_URL, site: SCRIPT, cookies: [] }, reports: [] }),
    ];
    for (const props of states) {
      const { container, unmount } = render(<SessionLensView {...props} />);
      expectInert(container);
      expect(container.textContent!).toMatch(/<script>alert\(1\)<\/script>|<img src=x onerror=alert\(1\)>/);
      unmount();
    }
  });

  it('decodes and shows a real Flask session with a hostile payload signed with a known key', async () => {
    const user = userEvent.setup({ delay: null });
    const payload = Object.fromEntries(SHORT_HOSTILE.map((text, index) => [text, [SHORT_HOSTILE[(index + 1) % SHORT_HOSTILE.length], { [JS_URL]: IMG }]]));
    const cookies: CookieInput[] = [
      { ...hostileCookie('session', signFlaskSession(payload, 'dev')) },
      { ...hostileCookie(SCRIPT, signFlaskSession({ [IMG]: SCRIPT }, 'not-a-known-secret')) },
      hostileCookie(IMG, SCRIPT),
    ];
    const reports = await decode(cookies);
    expect(reports[0]!.signature.knownSecret).toBe('dev');
    const { container } = render(<SessionLensView {...viewProps({ tab: { kind: 'cookies', url: PAGE_URL, site: SITE, cookies }, reports, cookies })} />);
    await expandEverything(user);
    expectInert(container);
    for (const hostile of [SCRIPT, IMG, JS_URL]) expect(container.textContent!).toContain(hostile);
    expect(screen.getByRole('alert').textContent).toContain('Signed with a publicly known key dev');
  });

  it('shows hostile saved sites, secrets and salts in the options page as text', async () => {
    const user = userEvent.setup({ delay: null });
    const { container } = render(
      <OptionsView
        sites={{ [SCRIPT]: { secrets: [IMG, HUGE], salt: JS_URL }, [JS_URL]: { secrets: [], maxAge: 1 } }}
        memorySecrets={{ [SCRIPT]: [SCRIPT], [IMG]: [JS_URL] }}
        onChange={vi.fn()}
        onChangeMemorySecrets={vi.fn()}
      />,
    );
    expectInert(container);
    await user.click(screen.getAllByRole('button', { name: 'Forget this site' })[0]!);
    expectInert(container);
    expect(container.textContent!).toContain(SCRIPT);
    expect(container.textContent!).toContain(JS_URL);
    expect(container.textContent!).toContain(IMG);
    // The secrets themselves (IMG, SCRIPT and JS_URL are also site names or a salt above) never show.
    expect([...container.querySelectorAll('.sl-saved-secret')].map((item) => item.textContent).join(' ')).not.toMatch(/<|javascript:/);
  });
});

describe('the components never render HTML or URLs', () => {
  const dir = join(import.meta.dirname, '../../components');
  // save-file.ts makes the one link there is, to a blob of the extension's own text: checked on its own below.
  const sources = readdirSync(dir).filter((file) => /\.tsx?$/.test(file) && file !== 'save-file.ts');

  it.each(sources)('%s has no raw-HTML or URL sinks', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    expect(source).not.toMatch(/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|\beval\(|new Function/);
    expect(source).not.toMatch(/\b(href|src|srcSet|srcDoc|action|formAction)\s*=/);
    expect(source).not.toMatch(/<(a|img|iframe|script|object|embed)\b/);
  });

  it('save-file.ts links only to the blob it makes from the extension\'s own text', () => {
    const source = readFileSync(join(dir, 'save-file.ts'), 'utf8');
    expect(source.match(/\b(href|src|srcSet|srcDoc|action|formAction)\s*=.*/g)).toEqual(['href = url;']);
    expect(source).toContain('const url = URL.createObjectURL(new Blob([text], { type }));');
    expect(source).not.toMatch(/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });
});
