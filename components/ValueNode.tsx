import { useState, type ReactNode } from 'react';
import type { TypedValue } from '../lib/types';
import { truncateText } from './display-text';
import { FlashMessages } from './FlashMessages';
import { LongText } from './LongText';
import { localTime } from '../lib/display/time';
import { bytesLiteral, containerSize, flashMessages } from './typed-value-text';
import { VisibleText } from './VisibleText';

/** Containers this deep or deeper start collapsed; so do big ones. */
const OPEN_DEPTH = 2;
const OPEN_MAX_CHILDREN = 50;
/** Children shown before a "Show more" button, so a huge list cannot freeze the popup. */
const PAGE_SIZE = 100;
const KEY_LIMIT = 120;

export interface ValueNodeProps {
  /** Dict key, list index, or null for a bare top-level value or a set's member. */
  name: string | number | null;
  value: TypedValue;
  depth: number;
  /** What a well-known key means (top-level keys only). */
  explanation?: string | undefined;
  /** Show the value as Flask flash messages when it has their shape. */
  asFlashes?: boolean;
}

function TypeTag({ children }: { children: string }) {
  return <span className="sl-tag">{children}</span>;
}

function NodeName({ name }: { name: string | number | null }) {
  if (name === null) return null;
  if (typeof name === 'number') return <span className="sl-key sl-key--index">[{name}]</span>;
  const shown = truncateText(name, KEY_LIMIT);
  return (
    <span className="sl-key">
      <VisibleText text={shown} />
      {shown.length < name.length && '…'}
    </span>
  );
}

function Explanation({ text }: { text: string | undefined }) {
  return text ? <span className="sl-explain">{text}</span> : null;
}

function LeafValue({ value }: { value: TypedValue }) {
  switch (value.type) {
    case 'null':
      return <span className="sl-value sl-value--null">null</span>;
    case 'bool':
      return <span className="sl-value sl-value--bool">{value.value ? 'true' : 'false'}</span>;
    case 'number':
      return <span className="sl-value sl-value--number">{String(value.value)}</span>;
    case 'string':
      return <LongText className="sl-value sl-value--string" text={value.value} quoted />;
    case 'markup':
      return (
        <>
          <TypeTag>Markup</TypeTag>
          <LongText className="sl-value sl-value--string" text={value.value} quoted />
        </>
      );
    case 'uuid':
      return (
        <>
          <TypeTag>UUID</TypeTag>
          <span className="sl-value">
            <LongText text={value.value} limit={80} />
          </span>
        </>
      );
    case 'datetime': {
      const seconds = Date.parse(value.value) / 1000;
      return (
        <>
          <TypeTag>datetime</TypeTag>
          <span className="sl-value">
            <LongText text={value.value} limit={80} />
          </span>
          {Number.isFinite(seconds) && <span className="sl-note"> ({localTime(seconds)} local time)</span>}
        </>
      );
    }
    case 'bytes': {
      const bytes = bytesLiteral(value.base64);
      return (
        <>
          <TypeTag>bytes</TypeTag>
          {bytes ? (
            <>
              <LongText className="sl-value sl-value--bytes" text={bytes.literal} />
              <span className="sl-note"> ({bytes.length === 1 ? '1 byte' : `${bytes.length} bytes`})</span>
            </>
          ) : (
            <LongText className="sl-value sl-value--bytes" text={value.base64} />
          )}
        </>
      );
    }
    case 'list':
    case 'tuple':
    case 'set':
    case 'dict':
    case 'object':
      return null;
  }
}

/** One key/value of the tree: a leaf, or a container with a toggle button. */
export function ValueNode({ name, value, depth, explanation, asFlashes = false }: ValueNodeProps) {
  const isContainer = value.type === 'dict' || value.type === 'object' || value.type === 'list' || value.type === 'tuple' || value.type === 'set';
  const childCount = value.type === 'dict' || value.type === 'object' ? value.entries.length : value.type === 'list' || value.type === 'tuple' || value.type === 'set' ? value.items.length : 0;
  const [open, setOpen] = useState(depth < OPEN_DEPTH && childCount <= OPEN_MAX_CHILDREN);
  const [shownCount, setShownCount] = useState(PAGE_SIZE);

  if (!isContainer) {
    return (
      <li className="sl-node sl-leaf">
        <span className="sl-row">
          {name !== null && (
            <>
              <NodeName name={name} />
              <span className="sl-colon">: </span>
            </>
          )}
          <LeafValue value={value} />
        </span>
        <Explanation text={explanation} />
      </li>
    );
  }

  const flashes = asFlashes ? flashMessages(value) : null;
  const summary = flashes ? (flashes.length === 1 ? '1 flash message' : `${flashes.length} flash messages`) : containerSize(value);
  let children: ReactNode = null;
  if (open && flashes) {
    children = <FlashMessages messages={flashes} />;
  } else if (open && childCount === 0) {
    children = <p className="sl-empty-value">{value.type === 'dict' ? 'No keys' : value.type === 'object' ? 'No properties' : 'No items'}</p>;
  } else if (open) {
    const rows =
      value.type === 'dict' || value.type === 'object'
        ? value.entries.slice(0, shownCount).map(([key, child], index) => <ValueNode key={index} name={key} value={child} depth={depth + 1} />)
        : value.type === 'list' || value.type === 'tuple'
          ? value.items.slice(0, shownCount).map((child, index) => <ValueNode key={index} name={index} value={child} depth={depth + 1} />)
          : value.type === 'set'
            ? // A set's members have no index: shown without one.
              value.items.slice(0, shownCount).map((child, index) => <ValueNode key={index} name={null} value={child} depth={depth + 1} />)
            : null;
    children = (
      <>
        <ul className="sl-tree-children">{rows}</ul>
        {childCount > shownCount && (
          <button type="button" className="sl-link-button" onClick={() => setShownCount(shownCount + PAGE_SIZE)}>
            Show {Math.min(PAGE_SIZE, childCount - shownCount)} more of {childCount - shownCount} hidden
          </button>
        )}
      </>
    );
  }

  return (
    <li className="sl-node sl-branch">
      <span className="sl-row">
        <button type="button" className="sl-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span className="sl-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <NodeName name={name} />
          {name !== null && <span className="sl-colon">: </span>}
          <TypeTag>{value.type === 'object' ? value.className : value.type === 'set' && value.frozen ? 'frozenset' : value.type}</TypeTag>
          <span className="sl-summary">{summary}</span>
        </button>
      </span>
      <Explanation text={explanation} />
      {children}
    </li>
  );
}
