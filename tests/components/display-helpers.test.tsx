import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countCharacters, friendlyMessage, truncateText } from '../../components/display-text';
import { visibleParts } from '../../lib/display/visible-text';
import { durationText, localTime, relativeTime } from '../../lib/display/time';
import { bytesLiteral, flashMessages } from '../../components/typed-value-text';

describe('visibleParts', () => {
  it('leaves ordinary text, emoji, accents and right-to-left letters alone', () => {
    for (const text of ['hello', 'héllo wörld', '😀 ok', 'שלום', 'tab\tand\nnewline', '\uFFFD']) {
      expect(visibleParts(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('shows bidi controls, zero-width characters, controls and lone surrogates as escapes', () => {
    expect(visibleParts('a\u202Eb\u200Bc\u0000d\uD800e\uDC00')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'escape', text: '\\u202E', name: 'RIGHT-TO-LEFT OVERRIDE' },
      { kind: 'text', text: 'b' },
      { kind: 'escape', text: '\\u200B', name: 'ZERO WIDTH SPACE' },
      { kind: 'text', text: 'c' },
      { kind: 'escape', text: '\\u0000', name: 'NULL' },
      { kind: 'text', text: 'd' },
      { kind: 'escape', text: '\\uD800', name: 'lone surrogate (invalid text)' },
      { kind: 'text', text: 'e' },
      { kind: 'escape', text: '\\uDC00', name: 'lone surrogate (invalid text)' },
    ]);
  });

  it('shows the Arabic letter mark, a bidi mark like U+200F, and names the C1 control sequence introducer', () => {
    expect(visibleParts('a\u061Cb\u009B')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'escape', text: '\\u061C', name: 'ARABIC LETTER MARK' },
      { kind: 'text', text: 'b' },
      { kind: 'escape', text: '\\u009B', name: 'CONTROL SEQUENCE INTRODUCER' },
    ]);
  });
});

describe('truncateText and countCharacters', () => {
  it('never splits a surrogate pair', () => {
    expect(truncateText('ab😀cd', 3)).toBe('ab');
    expect(truncateText('ab😀cd', 4)).toBe('ab😀');
    expect(truncateText('short', 10)).toBe('short');
  });

  it('counts characters as a person would', () => {
    expect(countCharacters('😀')).toBe('1 character');
    expect(countCharacters('x'.repeat(1234))).toBe('1,234 characters');
  });
});

describe('friendlyMessage', () => {
  it('keeps the first line and drops stack frames and extension paths', () => {
    expect(friendlyMessage('TypeError: boom\n    at f (chrome-extension://abc/x.js:1:2)')).toBe('TypeError: boom');
    expect(friendlyMessage('failed in chrome-extension://abc/background.js:10:5')).toBe('failed in');
    expect(friendlyMessage('f@moz-extension://x/y.js:1:1\nreal message')).toBe('real message');
    expect(friendlyMessage(new Error('from an Error'))).toBe('from an Error');
    expect(friendlyMessage(undefined)).toBe('');
    expect(friendlyMessage('x'.repeat(500))).toHaveLength(200);
  });
});

describe('time text', () => {
  it('says spans in round words', () => {
    expect(durationText(45)).toBe('45 s');
    expect(durationText(180)).toBe('3 min');
    expect(durationText(3600)).toBe('1 hour');
    expect(durationText(7200)).toBe('2 hours');
    expect(durationText(31 * 86400)).toBe('31 days');
    expect(durationText(365 * 86400)).toBe('12 months');
    expect(durationText(3 * 365 * 86400)).toBe('3 years');
  });

  it('says past and future relative to now', () => {
    expect(relativeTime(1000 - 180, 1000)).toBe('3 min ago');
    expect(relativeTime(1000 + 86400, 1000)).toBe('in 1 day');
    expect(relativeTime(1003, 1000)).toBe('just now');
  });

  it('writes each instant in local time as the locale does, with the one formatter it keeps', () => {
    for (const seconds of [0, 1_795_300_000, 1_795_386_399, -86_400]) {
      expect(localTime(seconds)).toBe(new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }));
    }
    expect(localTime(1e20)).toBe('out of range (100000000000000000000)');
  });
});

describe('typed value text', () => {
  it('writes bytes as a Python bytes literal', () => {
    expect(bytesLiteral('AP/+YmluYXJ5gA==')).toEqual({ literal: "b'\\x00\\xff\\xfebinary\\x80'", length: 10 });
    expect(bytesLiteral(btoa("it's\\\n"))).toEqual({ literal: "b'it\\'s\\\\\\n'", length: 6 });
    expect(bytesLiteral('not base64!')).toBeNull();
  });

  it('reads flash messages only when they have the (category, message) shape', () => {
    expect(flashMessages({ type: 'list', items: [{ type: 'tuple', items: [{ type: 'string', value: 'error' }, { type: 'markup', value: '<b>x</b>' }] }] })).toEqual([{ category: 'error', message: '<b>x</b>' }]);
    expect(flashMessages({ type: 'list', items: [{ type: 'string', value: 'just text' }] })).toBeNull();
    expect(flashMessages({ type: 'string', value: 'x' })).toBeNull();
  });
});

describe('styles.css', () => {
  const css = readFileSync(join(import.meta.dirname, '../../components/styles.css'), 'utf8');

  it('follows the system theme', () => {
    expect(css).toMatch(/:root\s*{\s*color-scheme: light dark;/);
    expect(css).not.toContain('prefers-color-scheme');
  });

  it('gives every colour variable a light and a dark value (or one that serves both)', () => {
    const colours = Array.from(css.matchAll(/(--sl-[\w-]+): ([^;]*#[^;]*);/g), (match) => [match[1]!, match[2]!] as const);
    expect(colours.length).toBeGreaterThan(20);
    for (const [name, value] of colours) expect(value, name).toMatch(/^(light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)|#[0-9a-f]{6})$/);
  });

  it('has visible focus rings, a one-column popup and a grid panel', () => {
    expect(css).toMatch(/:focus-visible\s*{\s*outline: 2px solid/);
    expect(css).toMatch(/\[data-layout='popup'\]\s*{[^}]*min-width: 400px;[^}]*max-width: 800px;/);
    expect(css).toMatch(/\[data-layout='panel'\] \.sl-cards\s*{\s*display: grid;/);
  });
});
