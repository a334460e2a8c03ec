// The console's JSON API: same-origin fetches with the session cookie and, on state changes, the CSRF token.
let csrf = null;

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function call(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch('api/' + path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (res.status === 401 && path !== 'session') window.dispatchEvent(new Event('signed-out'));
  if (!res.ok) throw new ApiError(res.status, (json.error && json.error.message) || res.statusText);
  return json;
}

export const api = {
  get: path => call('GET', path),
  post: (path, body = {}) => call('POST', path, body),
  patch: (path, body) => call('PATCH', path, body),
  async session() { const s = await call('GET', 'session'); csrf = s.csrf_token; return s; },
  async signIn(token) { const s = await call('POST', 'session', { token }); csrf = s.csrf_token; return s; },
  async signOut() { await call('DELETE', 'session'); csrf = null; },
};
