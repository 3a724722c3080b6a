import { afterEach, describe, expect, it, vi } from 'vitest';
import * as decode from '../../lib/decode/decode';
import { answerDecode, type DecodedJar } from '../../lib/decode/request';
import type { SessionReport } from '../../lib/types';
import { deepFlaskSession } from '../hostile-cookies';

/** What passing a message to a page does: copy it by structured clone (Firefox), throwing when it cannot. */
function pagePost(answers: DecodedJar[]) {
  return (decoded: DecodedJar) => answers.push(structuredClone(decoded));
}

afterEach(() => vi.restoreAllMocks());

describe('every decode is answered', () => {
  it('with the reports', async () => {
    const answers: DecodedJar[] = [];
    await answerDecode([deepFlaskSession(800), { name: 'theme', value: 'dark' }], { knownSecrets: false }, pagePost(answers));
    expect(answers).toHaveLength(1);
    const answer = answers[0]! as { reports: SessionReport[] };
    expect(answer.reports.map((report) => report.name)).toEqual(['session', 'theme']);
    expect(answer.reports[0]!.error).toMatch(/^malformed: nested deeper than/);
  });

  it('replaces only a report the page cannot receive, keeping the others', async () => {
    const good = await decode.decodeCookie({ name: 'theme', value: 'dark' });
    const unclonable: SessionReport = { ...good, name: 'session', payload: { callback: () => 1 } };
    vi.spyOn(decode, 'decodeCookies').mockResolvedValue([unclonable, good]);
    const answers: DecodedJar[] = [];
    await answerDecode([], {}, pagePost(answers));
    expect(answers).toHaveLength(1);
    const { reports } = answers[0]! as { reports: SessionReport[] };
    expect(reports[0]).toMatchObject({ name: 'session', payload: null, error: 'malformed: the decoded cookie is too deep or too large to show' });
    expect(reports[1]).toEqual(good);
  });

  it('with a plain error when decoding fails', async () => {
    vi.spyOn(decode, 'decodeCookies').mockRejectedValue(new Error('out of memory'));
    const answers: DecodedJar[] = [];
    await answerDecode([], {}, pagePost(answers));
    expect(answers).toEqual([{ error: 'The decoder stopped: out of memory' }]);
  });

  it('with a plain error when not even the reduced reports can be posted', async () => {
    vi.spyOn(decode, 'decodeCookies').mockResolvedValue([]);
    const answers: DecodedJar[] = [];
    let calls = 0;
    await answerDecode([], {}, (decoded) => {
      if (++calls < 3) throw new DOMException('could not be cloned', 'DataCloneError');
      answers.push(decoded);
    });
    expect(answers).toEqual([{ error: 'The decoded cookies could not be passed to the page: could not be cloned' }]);
  });
});
