import type { SessionFormat } from './format';
import { flaskLoginRemember } from './formats/flask-login-remember';
import { flaskSession } from './formats/flask-session';
import { flaskSessionId } from './formats/flask-session-id';
import { itsdangerousToken } from './formats/itsdangerous';

/** Tried in order; the first format that recognises a cookie reads it. Most specific shapes first. */
export const FORMATS: readonly SessionFormat[] = [flaskLoginRemember, flaskSessionId, flaskSession, itsdangerousToken];
