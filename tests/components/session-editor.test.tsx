import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RawValueEditor } from '../../components/RawValueEditor';
import { SessionEditor, type WriteCookies } from '../../components/SessionEditor';
import { decodeBase64Url } from '../../lib/codec/base64';
import { decodeUtf8 } from '../../lib/codec/text';
import type { CookieInput, SessionReport } from '../../lib/types';
import { loadFixtures } from '../fixtures';
import { BROWSER_FLAGS, decode, decodeCase, NOW, onDevice, signFlaskSession } from './helpers';

const SECRET = 's3cr3t-flask-key';

function renderEditor(report: SessionReport, cookie: CookieInput, secrets: readonly string[], onWrite: WriteCookies = vi.fn(async () => ({ ok: false as const, message: 'not in this test' }))) {
  const onClose = vi.fn();
  render(<SessionEditor report={report} cookie={cookie} jar={[cookie]} savedSecrets={onDevice(secrets)} onWrite={onWrite} onClose={onClose} />);
  return { user: userEvent.setup(), onWrite, onClose };
}

const preview = () => screen.getByRole('region', { name: 'Preview' });
const writeButton = () => screen.getByRole('button', { name: 'Write to the browser' });

async function replaceValue(user: ReturnType<typeof userEvent.setup>, label: string, text: string) {
  const field = screen.getByRole('textbox', { name: label });
  await user.clear(field);
  await user.type(field, text);
}

async function flaskSession(payload: object): Promise<{ report: SessionReport; cookie: CookieInput }> {
  const cookie = { ...BROWSER_FLAGS, name: 'session', value: signFlaskSession(payload, SECRET) };
  const [report] = await decode([cookie], { secrets: [SECRET] });
  return { report: report!, cookie };
}

describe('SessionEditor', () => {
  it('writes the edited Flask session signed with the key that verified it, checked by decoding it first', async () => {
    const { report, cookie } = await flaskSession({ role: 'viewer', username: 'alice' });
    const onWrite = vi.fn<WriteCookies>(async () => ({ ok: true, change: { id: 'c1', at: NOW, label: 'x', tabId: 1, originals: [], written: [], reload: true } }));
    const { user, onClose } = renderEditor(report, cookie, [SECRET], onWrite);
    await replaceValue(user, 'Value of username', 'mallory');
    await replaceValue(user, 'Value of role', 'admin');

    await waitFor(() => expect(within(preview()).getByText(/Valid/)).toBeDefined());
    expect(within(preview()).getByRole('list', { name: 'Payload changes' }).textContent).toContain('"alice" (string) → "mallory" (string)');
    await user.click(writeButton());

    expect(onWrite).toHaveBeenCalledTimes(1);
    const request = onWrite.mock.calls[0]![0];
    expect(request).toMatchObject({ label: 'Edited session (Flask session)', originals: [cookie], remove: [], reload: true });
    expect(request.cookies.map(({ name }) => name)).toEqual(['session']);
    const [written] = await decode([{ ...cookie, value: request.cookies[0]!.value }], { secrets: [SECRET] });
    expect(written!.signature.status).toBe('valid');
    expect(written!.payload).toEqual({ role: 'admin', username: 'mallory' });
    expect(onClose).toHaveBeenCalled();
  });

  it('keeps Flask\'s tagged types: a tuple stays a tuple in the written session', async () => {
    const { report, cookie } = await decodeCase('flask-tagged-types');
    const onWrite = vi.fn<WriteCookies>(async () => ({ ok: false, message: 'refused' }));
    const { user } = renderEditor(report, cookie, [SECRET], onWrite);
    await waitFor(() => expect(within(preview()).getByText(/Valid/)).toBeDefined());
    expect(within(preview()).getByText('The payload is unchanged.')).toBeDefined();
    await user.click(writeButton());
    const [written] = await decode([{ ...cookie, value: onWrite.mock.calls[0]![0].cookies[0]!.value }], { secrets: [SECRET] });
    expect(written!.payload).toEqual(report.payload);
    expect(written!.typed).toEqual(report.typed);
  });

  it('says why a write failed and stays open', async () => {
    const { report, cookie } = await flaskSession({ username: 'alice' });
    const { user, onClose } = renderEditor(report, cookie, [SECRET], async () => ({ ok: false, message: 'The browser refused the cookie.' }));
    await waitFor(() => expect(writeButton().hasAttribute('disabled')).toBe(false));
    await user.click(writeButton());
    expect((await screen.findByRole('alert')).textContent).toBe('Not written: The browser refused the cookie.');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('offers no key and writes nothing for a session no saved secret verifies', async () => {
    const { report, cookie } = await decodeCase('flask-no-secret');
    renderEditor(report, cookie, []);
    expect(screen.getByText(/No key to sign with/)).toBeDefined();
    await waitFor(() => expect(within(preview()).getByRole('alert').textContent).toMatch(/Choose a key/));
    expect(writeButton().hasAttribute('disabled')).toBe(true);
  });

  it('signs with the saved key the user picks, and says what writing does', async () => {
    const { report, cookie } = await flaskSession({ username: 'alice' });
    const { user } = renderEditor(report, cookie, [SECRET, 'another-key']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sign with' }), 'Saved secret #2');
    await waitFor(() => expect(within(preview()).getByText(/Valid/)).toBeDefined());
    expect(screen.getByText(/Writing changes this cookie in this browser only/)).toBeDefined();
  });

  it('signs with the publicly known key that verified the cookie when no key is saved', async () => {
    const cookie = { ...BROWSER_FLAGS, name: 'session', value: signFlaskSession({ username: 'alice' }, 'dev') };
    const [report] = await decode([cookie]);
    expect(report!.signature.knownSecret).toBe('dev');
    renderEditor(report!, cookie, []);
    expect((screen.getByRole('combobox', { name: 'Sign with' }) as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('The publicly known key dev');
    await waitFor(() => expect(within(preview()).getByText(/Valid/)).toBeDefined());
  });

  it('makes JWT test tokens, labelled as tests: alg none is unsigned', async () => {
    const fixture = loadFixtures('jwt-pyjwt.json').cases.find((testCase) => testCase.id === 'jwt-pyjwt-hs256');
    const cookie = { ...BROWSER_FLAGS, ...fixture!.cookie };
    const [report] = await decode([cookie], { secrets: fixture!.secrets });
    const onWrite = vi.fn<WriteCookies>(async () => ({ ok: false, message: 'refused' }));
    const { user } = renderEditor(report!, cookie, fixture!.secrets as string[], onWrite);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Token' }), 'Test: alg "none", unsigned');
    expect(screen.getByText(/A test token for your own app/)).toBeDefined();
    await waitFor(() => expect(writeButton().hasAttribute('disabled')).toBe(false));
    await user.click(writeButton());
    const token = onWrite.mock.calls[0]![0].cookies[0]!.value;
    expect(token.endsWith('.')).toBe(true);
    expect(JSON.parse(decodeUtf8(decodeBase64Url(token.split('.')[0]!)!)!)).toMatchObject({ alg: 'none' });
    expect(onWrite.mock.calls[0]![0].label).toMatch(/^Test token for /);
  });
});

describe('RawValueEditor', () => {
  const cookie = { ...BROWSER_FLAGS, name: 'theme', value: 'dark' };

  it('writes the new raw value with the cookie as the original', async () => {
    const onWrite = vi.fn<WriteCookies>(async () => ({ ok: false, message: 'refused' }));
    render(<RawValueEditor cookie={cookie} onWrite={onWrite} onClose={vi.fn()} />);
    const user = userEvent.setup();
    const field = screen.getByRole('textbox', { name: 'New value of theme' });
    await user.clear(field);
    await user.type(field, 'light');
    await user.click(screen.getByRole('button', { name: 'Write value' }));
    expect(onWrite).toHaveBeenCalledWith({ label: 'Raw edit of theme', originals: [cookie], cookies: [{ name: 'theme', value: 'light' }], remove: [], reload: false });
  });

  it('refuses a value the browser would cut or refuse, and says why', async () => {
    render(<RawValueEditor cookie={cookie} onWrite={vi.fn()} onClose={vi.fn()} />);
    const user = userEvent.setup();
    const field = screen.getByRole('textbox', { name: 'New value of theme' });
    await user.type(field, ';x');
    expect(screen.getByRole('alert').textContent).toMatch(/cannot hold ";"/);
    expect(screen.getByRole('button', { name: 'Write value' }).hasAttribute('disabled')).toBe(true);
  });
});
