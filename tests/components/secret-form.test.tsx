import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SavedSecrets } from '../../components/SavedSecrets';
import { SecretForm, type SecretFormProps } from '../../components/SecretForm';
import { SessionLifetimeField } from '../../components/SessionLifetimeField';
import { onDevice, SITE } from './helpers';

function renderForm(overrides: Partial<SecretFormProps> = {}) {
  const props: SecretFormProps = {
    site: SITE,
    secrets: [],
    privateTab: false,
    maxAge: undefined,
    salt: undefined,
    format: 'flask',
    onAddSecret: vi.fn(),
    onRemoveSecret: vi.fn(),
    onSetMaxAge: vi.fn(),
    onSetSalt: vi.fn(),
    ...overrides,
  };
  const result = render(<SecretForm {...props} />);
  return { props, ...result, input: screen.getByLabelText('Add secret key') as HTMLInputElement };
}

describe('SecretForm: adding a secret', () => {
  it('is a password field with a label', () => {
    const { input } = renderForm();
    expect(input.type).toBe('password');
    expect(input.autocomplete).toBe('off');
  });

  it('adds with the Add button and clears the field', async () => {
    const user = userEvent.setup();
    const { input, props } = renderForm();
    await user.type(input, 'my-secret');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(props.onAddSecret).toHaveBeenCalledWith('my-secret', 'device');
    expect(input.value).toBe('');
  });

  it('adds with Enter', async () => {
    const user = userEvent.setup();
    const { input, props } = renderForm();
    await user.type(input, 'enter-secret{Enter}');
    expect(props.onAddSecret).toHaveBeenCalledTimes(1);
    expect(props.onAddSecret).toHaveBeenCalledWith('enter-secret', 'device');
  });

  it('keeps spaces exactly as typed and says so', async () => {
    const user = userEvent.setup();
    const { input, props } = renderForm();
    await user.type(input, ' two words ');
    expect(screen.getByText('Starts or ends with a space: secret keys are used exactly as typed.')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(props.onAddSecret).toHaveBeenCalledWith(' two words ', 'device');
  });

  it('rejects an empty secret with a message tied to the field', async () => {
    const user = userEvent.setup();
    const { input, props } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(props.onAddSecret).not.toHaveBeenCalled();
    const message = screen.getByRole('alert');
    expect(message.textContent).toBe('Enter a secret key first.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(message.id);
    await user.type(input, 'x');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('rejects a secret that is already saved', async () => {
    const user = userEvent.setup();
    const { input, props } = renderForm({ secrets: [{ secret: 'first-secret', kept: 'device' }, { secret: 'second-secret', kept: 'memory' }] });
    await user.type(input, 'second-secret{Enter}');
    expect(props.onAddSecret).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('This secret key is already saved as #2.');
  });

  it('shows and hides what is typed', async () => {
    const user = userEvent.setup();
    const { input } = renderForm();
    const toggle = screen.getByRole('button', { name: 'Show secret key' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await user.click(toggle);
    expect(input.type).toBe('text');
    const hide = screen.getByRole('button', { name: 'Hide secret key' });
    expect(hide.getAttribute('aria-pressed')).toBe('true');
    await user.click(hide);
    expect(input.type).toBe('password');
  });

  it('says where the secrets are kept', () => {
    renderForm();
    expect(screen.getByText(`Stored only in this browser's extension storage for ${SITE}; never synced or sent anywhere.`)).toBeTruthy();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});

describe('SecretForm: in a private window', () => {
  it('keeps a new secret in memory unless "Keep on this device" is ticked, and says so', async () => {
    const user = userEvent.setup();
    const { input, props } = renderForm({ privateTab: true });
    expect(screen.getByText(/^Private window: secret keys you add for .* stay in memory until the browser closes, unless you tick Keep on this device/)).toBeTruthy();
    const keep = screen.getByRole('checkbox', { name: 'Keep on this device' }) as HTMLInputElement;
    expect(keep.checked).toBe(false);
    await user.type(input, 'private-secret{Enter}');
    expect(props.onAddSecret).toHaveBeenLastCalledWith('private-secret', 'memory');
    await user.click(keep);
    await user.type(input, 'kept-secret{Enter}');
    expect(props.onAddSecret).toHaveBeenLastCalledWith('kept-secret', 'device');
  });
});

describe('SecretForm: pasting a key file', () => {
  const pem = (body: string) => `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`;

  async function paste(text: string, overrides: Partial<SecretFormProps> = {}) {
    const user = userEvent.setup();
    const form = renderForm(overrides);
    await user.click(form.input);
    await user.paste(text);
    return form;
  }

  it('adds each PEM block of a pasted key file as one key, not its lines', async () => {
    const { props, input } = await paste(`${pem('MIIBIjAN\nBgkqhkiG')}\nsubject=CN = example\n${pem('MFkwEwYH\nKoZIzj0C')}\n`);
    expect(vi.mocked(props.onAddSecret).mock.calls).toEqual([[pem('MIIBIjAN\nBgkqhkiG'), 'device'], [pem('MFkwEwYH\nKoZIzj0C'), 'device']]);
    expect(screen.getByRole('status').textContent).toBe('Added 2 keys from the pasted text.');
    expect(input.value).toBe('');
  });

  it('adds a pretty-printed JWK as one key', async () => {
    const jwk = JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }, null, 2);
    const { props } = await paste(`${jwk}\n`);
    expect(vi.mocked(props.onAddSecret).mock.calls).toEqual([[jwk, 'device']]);
  });

  it('adds the keys of a JWK Set that are not saved yet', async () => {
    const keys = [{ kty: 'EC', kid: 'old', crv: 'P-256', x: 'a', y: 'b' }, { kty: 'EC', kid: 'new', crv: 'P-256', x: 'c', y: 'd' }];
    const { props } = await paste(JSON.stringify({ keys }, null, 2), { secrets: onDevice([JSON.stringify(keys[0])]) });
    expect(vi.mocked(props.onAddSecret).mock.calls).toEqual([[JSON.stringify(keys[1]), 'device']]);
    expect(screen.getByRole('status').textContent).toBe('The pasted text holds 2 keys: added 1 key, the others are already saved.');
  });

  it('says why pasted text is not a key and adds nothing', async () => {
    const { props, input } = await paste('-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n');
    expect(props.onAddSecret).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe(
      'The pasted text is not a key: "-----BEGIN PUBLIC KEY-----" has no matching "-----END PUBLIC KEY-----".',
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('pastes one line into the field, to be added with Add', async () => {
    const { props, input } = await paste('one-line-secret\n');
    expect(props.onAddSecret).not.toHaveBeenCalled();
    expect(input.value).toBe('one-line-secret');
  });
});

describe('SecretForm: saved secrets', () => {
  it('lists saved secrets masked, numbered like the badge, each saying where it is kept', () => {
    renderForm({ secrets: [{ secret: 's3cr3t-flask-key', kept: 'device' }, { secret: 'dev', kept: 'memory' }] });
    const list = screen.getByRole('list', { name: 'Saved secret keys' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('#1');
    expect(items[0]!.textContent).toContain('Kept on this device');
    expect(items[1]!.textContent).toContain('#2');
    expect(items[1]!.textContent).toContain('In memory until the browser closes');
    expect(list.textContent).not.toContain('s3cr3t-flask-key');
    expect(list.textContent).not.toMatch(/\bdev\b/);
  });

  it('shows every secret with the same mask: no character, no length, nor a length in its strength note', () => {
    const secrets = ['s3cr3t-flask-key', 'x', '😀😀secret-key', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'k7Qx9vR2mW4pL8sT', 'zq81mf'];
    renderForm({ secrets: onDevice(secrets) });
    const items = within(screen.getByRole('list', { name: 'Saved secret keys' })).getAllByRole('listitem');
    expect(new Set(items.map((item) => item.querySelector('code')!.textContent))).toEqual(new Set(['••••••••']));
    for (const [index, item] of items.entries()) {
      const secret = secrets[index]!;
      // Digits only in the number and the fixed advice ("at least 32 random bytes").
      const text = item.textContent!.replace(`#${index + 1}`, '').replace(/\b(16|32) (random )?bytes\b/g, '');
      expect(text, secret).not.toMatch(/\d/);
      expect(text, secret).not.toContain(secret.slice(0, 2));
    }
  });

  it('removes a secret by its index', async () => {
    const user = userEvent.setup();
    const { props } = renderForm({ secrets: onDevice(['aaaaaaaaaa', 'bbbbbbbbbb']) });
    await user.click(screen.getByRole('button', { name: 'Remove secret #2' }));
    expect(props.onRemoveSecret).toHaveBeenCalledWith(1);
  });

  it('says when no secret is saved', () => {
    renderForm();
    expect(screen.getByText('No secret keys saved for this site yet.')).toBeTruthy();
  });

});

describe('Session lifetime', () => {
  function lifetime() {
    return { amount: screen.getByLabelText('Session lifetime') as HTMLInputElement, unit: screen.getByLabelText('Lifetime unit') as HTMLSelectElement };
  }

  it('starts blank, meaning the framework default, with the Flask default named', () => {
    renderForm();
    expect(lifetime().amount.value).toBe('');
    expect(screen.getByText(/Using the framework default\. Leave blank for the default \(Flask: 31 days/)).toBeTruthy();
  });

  it('saves a lifetime in days as seconds', async () => {
    const user = userEvent.setup();
    const { props } = renderForm();
    const { amount, unit } = lifetime();
    expect(unit.value).toBe('days');
    await user.type(amount, '7');
    await user.click(screen.getByRole('button', { name: 'Save lifetime' }));
    expect(props.onSetMaxAge).toHaveBeenCalledWith(7 * 86400);
  });

  it('saves a lifetime in seconds with Enter', async () => {
    const user = userEvent.setup();
    const { props } = renderForm();
    const { amount, unit } = lifetime();
    await user.selectOptions(unit, 'seconds');
    await user.type(amount, '3600{Enter}');
    expect(props.onSetMaxAge).toHaveBeenCalledWith(3600);
  });

  it('shows a saved lifetime in its natural unit', () => {
    renderForm({ maxAge: 3600 });
    expect(lifetime().amount.value).toBe('1');
    expect(lifetime().unit.value).toBe('hours');
    expect(screen.getByText(/Saved: 1 hour \(3,600 s\)/)).toBeTruthy();
  });

  it('goes back to the default when cleared or with "Use default"', async () => {
    const user = userEvent.setup();
    const { props } = renderForm({ maxAge: 90 });
    expect(lifetime().amount.value).toBe('90');
    expect(lifetime().unit.value).toBe('seconds');
    await user.clear(lifetime().amount);
    await user.keyboard('{Enter}');
    expect(props.onSetMaxAge).toHaveBeenLastCalledWith(undefined);
    await user.click(screen.getByRole('button', { name: 'Use default' }));
    expect(props.onSetMaxAge).toHaveBeenCalledTimes(2);
  });

  it('rejects a lifetime that is not a positive number', async () => {
    const user = userEvent.setup();
    const onSetMaxAge = vi.fn();
    render(<SessionLifetimeField maxAge={undefined} onSetMaxAge={onSetMaxAge} />);
    for (const bad of ['-5', 'soon', '0']) {
      await user.clear(lifetime().amount);
      await user.type(lifetime().amount, `${bad}{Enter}`);
      expect(screen.getByRole('alert').textContent).toBe("Enter a positive number of days, or leave it blank for the framework's default.");
    }
    expect(onSetMaxAge).not.toHaveBeenCalled();
    expect(lifetime().amount.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the new value when the saved lifetime changes', () => {
    const { rerender, props } = renderForm();
    rerender(<SecretForm {...props} maxAge={2 * 86400} />);
    expect(lifetime().amount.value).toBe('2');
    expect(lifetime().unit.value).toBe('days');
  });
});

describe('Custom salt', () => {
  it('is offered for the formats signed in itsdangerous\' scheme only', () => {
    for (const format of ['flask', 'itsdangerous', 'flask-session-id'] as const) {
      const { unmount } = renderForm({ format });
      expect(screen.getByLabelText('Custom salt')).toBeTruthy();
      unmount();
    }
    for (const format of ['jwt', 'django-session', 'express-cookie-session', undefined] as const) {
      const { unmount } = renderForm({ format });
      expect(screen.queryByLabelText('Custom salt')).toBeNull();
      unmount();
    }
  });

  it('saves the salt typed, keyboard only, and empties the field', async () => {
    const user = userEvent.setup();
    const { props } = renderForm();
    const field = screen.getByLabelText('Custom salt') as HTMLInputElement;
    expect(field.type).toBe('text');
    expect(field.getAttribute('aria-describedby')).toBe(screen.getByText(/^No custom salt\. A custom salt is tried first/).id);
    await user.click(field);
    await user.keyboard('my-app{Enter}');
    expect(props.onSetSalt).toHaveBeenCalledWith('my-app');
    expect(field.value).toBe('');
  });

  it('asks for a salt when the field is empty, and saves nothing', async () => {
    const user = userEvent.setup();
    const { props } = renderForm({ salt: 'my-app' });
    const field = screen.getByLabelText('Custom salt');
    await user.click(screen.getByRole('button', { name: 'Save salt' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter a new salt first, or choose Use default salts to remove the saved one.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(props.onSetSalt).not.toHaveBeenCalled();
    await user.type(field, 'x');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('saved secret strength notes', () => {
  it('warns about a publicly known, a weak and a fair key, and says nothing about a strong one', () => {
    render(
      <SavedSecrets
        secrets={onDevice(['dev', 'zq81mf', 'k7Qx9vR2mW4pL8sT', '4f0c1d0b9a7e2c3f5a6b8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c'])}
        onRemove={() => {}}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items[0]!.textContent).toMatch(/Publicly known key:.*anyone can forge/);
    expect(items[1]!.textContent).toMatch(/Weak key: Shorter than 16 bytes/);
    expect(items[2]!.textContent).toMatch(/Could be stronger: Shorter than 32 bytes/);
    expect(items[3]!.textContent).not.toMatch(/key:/i);
  });
});

describe('SecretForm: the key each format needs', () => {
  it.each([
    ['flask', 'Key: SECRET_KEY.'],
    ['django-session', 'Key: SECRET_KEY.'],
    ['rails-encrypted', 'Key: secret_key_base.'],
    ['laravel-encrypted', 'Key: APP_KEY; base64:… as .env holds it (a 32-byte key; 16 for AES-128).'],
    ['express-cookie-session', "Key: cookie-session's keys (or secret); each key of the array (pasted lines add one each) to verify cookies signed before a rotation."],
    ['jwt', 'Key: the JWT signing key; the HMAC secret, or the public key for RS/ES/PS/EdDSA tokens (PEM, JWK or JWK Set).'],
    ['authjs', 'Key: AUTH_SECRET (NextAuth v4: NEXTAUTH_SECRET).'],
    ['iron', 'Key: the iron password (iron-session and h3 useSession password, @hapi/iron and hapi cookie password); a password of at least 32 characters, or a JSON password map like {"1":"…","2":"…"}.'],
    ['gorilla-securecookie', 'Key: the hash key (securecookie.New, sessions.NewCookieStore); hashKey:blockKey when the app encrypts too (a block key of 16, 24 or 32 bytes).'],
    ['supabase', "Key: the project's JWT secret (Dashboard → Settings → API)."],
    ['starlette', 'Key: SessionMiddleware(secret_key=…).'],
    ['tornado', 'Key: the cookie_secret setting.'],
    ['remix', "Key: the cookie's secrets: [...] (Remix / React Router createCookieSessionStorage); each key of the array (pasted lines add one each) to verify cookies signed before a rotation."],
    ['hono', 'Key: the secret of setSignedCookie.'],
    ['koa-session', 'Key: app.keys; each key of the array (pasted lines add one each) to verify cookies signed before a rotation.'],
    ['rack-session', "Key: Rack::Session::Cookie's secret (Sinatra's session_secret)."],
  ] as const)('%s: says it next to the field, which it describes', (format, text) => {
    const { input } = renderForm({ format });
    const hint = screen.getByText(text);
    expect(input.getAttribute('aria-describedby')!.split(' ')).toContain(hint.id);
  });

  it.each([
    ['iron', 'too-short-password', 'An iron password has at least 32 characters; this one has 18.'],
    ['iron', '{"1":"a-password-of-at-least-32-characters","2":"short"}', 'Password "2" of the map has 5 characters; iron needs at least 32.'],
    ['laravel-encrypted', 'base64:c2hvcnQ=', 'After base64: comes a key of 32 bytes (16 for AES-128); this one decodes to 5.'],
    ['laravel-encrypted', 'my-app-key', 'APP_KEY is base64: followed by the 32-byte key in base64, as .env holds it (or a raw key of exactly 16 or 32 characters).'],
    ['laravel-encrypted', 'base64:not base64!', 'After base64: comes the key in base64; this is not base64.'],
    ['gorilla-securecookie', 'hash-key:block', 'The block key after ":" has 5 bytes; AES needs 16, 24 or 32. As it is, the whole text is taken as the hash key.'],
  ] as const)('%s: a key %s in a form the reader refuses gets a message first, and is added when Add is pressed again', async (format, key, message) => {
    const user = userEvent.setup();
    const { input, props } = renderForm({ format });
    await user.type(input, key.replace(/[{[]/g, '$&$&'));
    await user.keyboard('{Enter}');
    expect(props.onAddSecret).not.toHaveBeenCalled();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(`${message} Press Add again to save it anyway.`);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(alert.id);
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(props.onAddSecret).toHaveBeenCalledWith(key, 'device');
  });

  it.each([
    ['iron', 'a-password-of-at-least-32-characters'],
    ['iron', '{"1":"a-password-of-at-least-32-characters"}'],
    ['laravel-encrypted', `base64:${btoa('k'.repeat(32))}`],
    ['laravel-encrypted', `base64:${btoa('k'.repeat(16))}`],
    ['laravel-encrypted', 'k'.repeat(32)],
    ['gorilla-securecookie', 'a-hash-key-without-colons'],
    ['gorilla-securecookie', `hash-key:${'b'.repeat(32)}`],
    ['gorilla-securecookie', `hash:key:${'b'.repeat(24)}`],
    ['flask', 'short'],
  ] as const)('%s: a key in an accepted form (%s) is added at once', async (format, key) => {
    const user = userEvent.setup();
    const { input, props } = renderForm({ format });
    await user.type(input, key.replace(/[{[]/g, '$&$&'));
    await user.keyboard('{Enter}');
    expect(props.onAddSecret).toHaveBeenCalledWith(key, 'device');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks again for a key edited after its message', async () => {
    const user = userEvent.setup();
    const { input, props } = renderForm({ format: 'iron' });
    await user.type(input, 'short{Enter}');
    await user.type(input, 'er{Enter}');
    expect(props.onAddSecret).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('this one has 7.');
  });
});
