import { act, renderHook, waitFor } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { siteSettingsStore } from '../../lib/browser/site-settings';
import { useSiteSettings } from '../../components/useSiteSettings';
import { SITE } from './helpers';

describe('useSiteSettings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps every secret added in a row (the keys of one pasted key file)', async () => {
    const { result } = renderHook(() => useSiteSettings(SITE));
    act(() => {
      result.current.addSecret('first', 'device');
      result.current.addSecret('second', 'device');
      result.current.addSecret('third', 'device');
    });
    await waitFor(() => expect(result.current.settings.secrets).toEqual(['first', 'second', 'third']));
    expect((await siteSettingsStore.getValue())[SITE]!.secrets).toEqual(['first', 'second', 'third']);
  });
});
