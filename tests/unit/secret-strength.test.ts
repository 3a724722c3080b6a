import { describe, expect, it } from 'vitest';
import { secretStrength } from '../../lib/known-keys/strength';

describe('secretStrength', () => {
  it('flags a publicly known key loudest', () => {
    const result = secretStrength('dev');
    expect(result.level).toBe('known');
    expect(result.notes[0]).toMatch(/publicly known/);
  });

  it.each([
    ['zq81mf', 'weak', /Shorter than 16 bytes/],
    ['please-change-this-key-now', 'weak', /placeholder/],
    ['k7Qx9vR2mW4pL8sT', 'fair', /Shorter than 32 bytes/],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'fair', /only a few different/],
  ])('judges %j as %s', (secret, level, note) => {
    const result = secretStrength(secret);
    expect(result.level).toBe(level);
    expect(result.notes.join(' ')).toMatch(note);
  });

  it('calls a 32-byte random hex key strong, with nothing to say', () => {
    expect(secretStrength('4f0c1d0b9a7e2c3f5a6b8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c')).toEqual({ level: 'strong', notes: [] });
  });

  it('counts bytes, not characters, for non-ASCII keys', () => {
    // 9 characters, 17 bytes in UTF-8.
    expect(secretStrength('ключ-ключ').notes.join(' ')).toMatch(/Shorter than 32 bytes/);
  });

  it('gives no exact length or character count (the notes are shown beside masked keys)', () => {
    for (const secret of ['zq81mf', 'k7Qx9vR2mW4pL8sT', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'ключ-ключ']) {
      expect(secretStrength(secret).notes.join(' ').replace(/\b(16|32) (random )?bytes\b/g, ''), secret).not.toMatch(/\d/);
    }
  });
});
