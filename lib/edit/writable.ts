import type { FormatId } from '../types';

/**
 * Formats without a writer. Kept apart from the registry, whose writers it mirrors (tests/unit/edit-rewrite.test.ts),
 * so that a page can offer Edit without loading every format's reader and writer.
 */
const READ_ONLY_FORMATS: ReadonlySet<FormatId> = new Set(['opaque-id', 'unknown']);

/** Whether the format has a writer (registry). */
export function canRewrite(format: FormatId): boolean {
  return !READ_ONLY_FORMATS.has(format);
}
