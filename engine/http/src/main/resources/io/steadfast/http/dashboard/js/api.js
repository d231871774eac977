// The HTTP API: the token this tab signed in with, GET requests with it, and the errors they end in
// (AuthError: no token or a refused one; HttpError: any other answer but 2xx).

const TOKEN_KEY = 'steadfast.token';
// the trends show this many days: a year of hourly snapshots would be a megabyte every poll
export const TREND_DAYS = 30;
const API = '/api/v1';

/** The token this tab signed in with, or null. */
export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function keepToken(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export class AuthError extends Error {}

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** A service's history from TREND_DAYS ago: the score then, and every change since. */
export function historyPath(service) {
  const from = new Date(Date.now() - TREND_DAYS * 86400000).toISOString();
  return '/scores/' + enc(service) + '/history?from=' + encodeURIComponent(from);
}

export async function api(path) {
  const bearer = storedToken();
  if (!bearer) {
    throw new AuthError('no token');
  }
  const response = await fetch(API + path, { headers: { Authorization: 'Bearer ' + bearer, Accept: 'application/json' }, cache: 'no-store' });
  if (response.status === 401) {
    throw new AuthError('the token was refused');
  }
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try {
      const body = await response.json();
      if (body && (body.error || body.message)) {
        message = String(body.error || body.message);
      } else if (body && Array.isArray(body.errors)) {
        message = body.errors.map((e) => (e.field ? e.field + ': ' : '') + e.message).join('; ');
      }
    } catch (ignored) {
      // the status line says enough
    }
    throw new HttpError(response.status, message);
  }
  return response.json();
}

export const enc = encodeURIComponent;
