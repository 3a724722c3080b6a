export { CookieFlags } from './CookieFlags';
export { OptionsView, type OptionsViewProps } from './OptionsView';
export { OtherCookies } from './OtherCookies';
export { SecretForm } from './SecretForm';
export { SessionCard } from './SessionCard';
export { SessionLensView, type SessionLensViewProps } from './SessionLensView';
export { SignatureBadge } from './SignatureBadge';
export { ValueTree } from './ValueTree';
