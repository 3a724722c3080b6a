import { LongText } from './LongText';

/** Flask flash messages waiting for the next page, as "category: message" lines. */
export function FlashMessages({ messages }: { messages: { category: string; message: string }[] }) {
  return (
    <ul className="sl-flashes">
      {messages.map((flash, index) => (
        <li key={index} className="sl-flash">
          <span className="sl-flash-category">
            <LongText text={flash.category} limit={80} />
          </span>{' '}
          <LongText text={flash.message} />
        </li>
      ))}
    </ul>
  );
}
