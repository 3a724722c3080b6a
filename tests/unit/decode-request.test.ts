import { afterEach, describe, expect, it, vi } from 'vitest';
import * as decode from '../../lib/decode/decode';
import { answerDecodeRequest, type DecodeResponse } from '../../lib/decode/request';
import type { SessionReport } from '../../lib/types';
import { deepFlaskSession } from '../hostile-cookies';

/** What the worker's postMessage does: copy the message by structured clone, throwing when it cannot. */
function workerPost(answers: DecodeResponse[]) {
  return (response: DecodeResponse) => answers.push(structuredClone(response));
}

afterEach(() => vi.restoreAllMocks());

describe('the decode worker answers every request', () => {
  it('with the reports', async () => {
    const answers: DecodeResponse[] = [];
    await answerDecodeRequest({ id: 7, cookies: [deepFlaskSession(800), { name: 'theme', value: 'dark' }], options: { knownSecrets: false } }, workerPost(answers));
    expect(answers).toHaveLength(1);
    const answer = answers[0]! as { id: number; reports: SessionReport[] };
    expect(answer.id).toBe(7);
    expect(answer.reports.map((report) => report.name)).toEqual(['session', 'theme']);
    expect(answer.reports[0]!.error).toMatch(/^malformed: nested deeper than/);
  });

  it('replaces only a report the page cannot receive, keeping the others', async () => {
    const good = await decode.decodeCookie({ name: 'theme', value: 'dark' });
    const unclonable: SessionReport = { ...good, name: 'session', payload: { callback: () => 1 } };
    vi.spyOn(decode, 'decodeCookies').mockResolvedValue([unclonable, good]);
    const answers: DecodeResponse[] = [];
    await answerDecodeRequest({ id: 3, cookies: [], options: {} }, workerPost(answers));
    expect(answers).toHaveLength(1);
    const { reports } = answers[0]! as { reports: SessionReport[] };
    expect(reports[0]).toMatchObject({ name: 'session', payload: null, error: 'malformed: the decoded cookie is too deep or too large to show' });
    expect(reports[1]).toEqual(good);
  });

  it('with a plain error when decoding fails', async () => {
    vi.spyOn(decode, 'decodeCookies').mockRejectedValue(new Error('out of memory'));
    const answers: DecodeResponse[] = [];
    await answerDecodeRequest({ id: 4, cookies: [], options: {} }, workerPost(answers));
    expect(answers).toEqual([{ id: 4, error: 'The decoder stopped: out of memory' }]);
  });

  it('with a plain error when not even the reduced reports can be posted', async () => {
    vi.spyOn(decode, 'decodeCookies').mockResolvedValue([]);
    const answers: DecodeResponse[] = [];
    let calls = 0;
    await answerDecodeRequest({ id: 5, cookies: [], options: {} }, (response) => {
      if (++calls < 3) throw new DOMException('could not be cloned', 'DataCloneError');
      answers.push(response);
    });
    expect(answers).toEqual([{ id: 5, error: 'The decoded cookies could not be passed to the page: could not be cloned' }]);
  });
});
