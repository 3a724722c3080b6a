import { act, render, renderHook, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionLensView } from '../../components/SessionLensView';
import { DECODE_TIMEOUT_MS, useSessionReports } from '../../components/useSessionReports';
import type { DecodeRequest, DecodeResponse } from '../../lib/decode/request';
import type { SiteSettings } from '../../lib/browser/site-settings';
import type { CookieInput } from '../../lib/types';
import { cookiesTab, decode, viewProps } from './helpers';

/** Stands in for the decode worker: records what it is sent and answers when the test says so. */
class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<DecodeResponse>) => void) | null = null;
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  sent: DecodeRequest[] = [];
  terminated = false;

  constructor() {
    FakeWorker.all.push(this);
  }

  postMessage(request: DecodeRequest) {
    this.sent.push(request);
  }

  terminate() {
    this.terminated = true;
  }

  answer(response: DecodeResponse) {
    act(() => this.onmessage?.({ data: response } as MessageEvent<DecodeResponse>));
  }

  async answerWithReports(request: DecodeRequest) {
    const reports = await decode(request.cookies, { knownSecrets: false });
    this.answer({ id: request.id, reports });
  }
}

const SETTINGS: SiteSettings = { secrets: [] };
const jar = (value: string): CookieInput[] => [{ name: 'theme', value }];

function renderReports(cookies: CookieInput[]) {
  return renderHook(({ jar }) => useSessionReports(jar, SETTINGS), { initialProps: { jar: cookies } });
}

beforeEach(() => {
  FakeWorker.all = [];
  vi.stubGlobal('Worker', FakeWorker);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useSessionReports', () => {
  it('keeps one decode running and one waiting: a newer jar replaces the waiting one', async () => {
    const a = jar('a');
    const b = jar('b');
    const c = jar('c');
    const { result, rerender } = renderReports(a);
    const worker = FakeWorker.all[0]!;
    rerender({ jar: b });
    rerender({ jar: c });
    expect(worker.sent.map((request) => request.cookies)).toEqual([a]);
    await worker.answerWithReports(worker.sent[0]!);
    // a's answer is stale (c is newer) and b was replaced: c goes next.
    expect(result.current.decoded).toBeNull();
    expect(worker.sent.map((request) => request.cookies)).toEqual([a, c]);
    await worker.answerWithReports(worker.sent[1]!);
    expect(result.current.decoded?.cookies).toBe(c);
    expect(result.current.decoded?.reports.map((report) => report.name)).toEqual(['theme']);
    expect(FakeWorker.all).toHaveLength(1);
  });

  it('shows the error the worker answers with', () => {
    const { result } = renderReports(jar('a'));
    const worker = FakeWorker.all[0]!;
    worker.answer({ id: worker.sent[0]!.id, error: 'The decoder stopped: out of memory' });
    expect(result.current).toEqual({ decoded: null, error: 'The decoder stopped: out of memory' });
  });

  it('gives up on a worker that does not answer, says so, and decodes the next jar in a fresh worker', async () => {
    vi.useFakeTimers();
    const { result, rerender } = renderReports(jar('a'));
    const stuck = FakeWorker.all[0]!;
    act(() => vi.advanceTimersByTime(DECODE_TIMEOUT_MS));
    expect(result.current.decoded).toBeNull();
    expect(result.current.error).toBe(`Decoding took longer than ${DECODE_TIMEOUT_MS / 1000} seconds and was stopped.`);
    expect(stuck.terminated).toBe(true);
    const b = jar('b');
    rerender({ jar: b });
    const fresh = FakeWorker.all[1]!;
    expect(fresh.sent.map((request) => request.cookies)).toEqual([b]);
    await fresh.answerWithReports(fresh.sent[0]!);
    expect(result.current.error).toBeNull();
    expect(result.current.decoded?.cookies).toBe(b);
  });

  it('fails the running decode, not the page, when the worker script itself fails', () => {
    const { result } = renderReports(jar('a'));
    act(() => FakeWorker.all[0]!.onerror?.({ preventDefault() {} }));
    expect(result.current.error).toBe('The decoder stopped unexpectedly.');
    expect(FakeWorker.all).toHaveLength(2);
  });
});

describe('SessionLensView when decoding failed', () => {
  it('shows a plain error instead of "Decoding…", without a stack', () => {
    const cookies = jar('a');
    const decodeError = 'The decoder stopped: too much recursion\n    at toTyped (chrome-extension://abc/decode-worker.js:1:2)';
    render(<SessionLensView {...viewProps({ tab: cookiesTab(cookies), cookies, reports: null, decodeError })} />);
    expect(screen.getByRole('heading', { name: "Session Lens couldn't decode the 1 cookie on app.example.com" })).toBeTruthy();
    const main = screen.getByRole('main').textContent!;
    expect(main).toContain('What went wrong: The decoder stopped: too much recursion');
    expect(main).not.toContain('Decoding');
    expect(main).not.toContain('chrome-extension');
    expect(screen.queryByRole('status')).toBeNull();
  });
});
