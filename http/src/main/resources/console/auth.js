// Sign-in with the federation's OpenID Connect provider: authorization code with PKCE (S256),
// a public client. The page exchanges the code itself; tokens live in sessionStorage (this tab only).
const KEY = 'bloodbridge.session';
const PENDING = 'bloodbridge.pending-sign-in';

function base64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function s256(text) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

function redirectUri() {
  return location.origin + '/';
}

/** The claims of a JWT (read for display; the node verifies every token itself). */
export function claimsOf(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = new TextDecoder().decode(Uint8Array.from(atob(part), c => c.charCodeAt(0)));
  return JSON.parse(json);
}

/** The provider's endpoints, from its discovery document. */
export async function discover(issuer) {
  const response = await fetch(issuer + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error('discovery ' + response.status);
  return response.json();
}

/** Leaves for the provider's login page. */
export async function signIn(config, provider) {
  const verifier = randomString();
  const state = randomString();
  const nonce = randomString();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce }));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: 'openid',
    state, nonce, code_challenge: await s256(verifier), code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * Back from the provider (?code=...&state=...): exchanges the code at the token endpoint, then
 * removes code and state from the address bar and the history. Returns the session, or null when
 * this is not a return from sign-in. Throws with the provider's error otherwise.
 */
export async function completeSignIn(config, provider) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  history.replaceState(null, '', '/');
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (params.has('error')) throw new Error(params.get('error_description') || params.get('error'));
  if (!pending || params.get('state') !== pending.state) throw new Error('state');
  if (params.has('iss') && params.get('iss') !== config.issuer) throw new Error('iss');
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: config.clientId, code_verifier: pending.verifier,
    }),
  });
  const tokens = await response.json();
  if (!response.ok) throw new Error(tokens.error_description || tokens.error || String(response.status));
  if (tokens.id_token && claimsOf(tokens.id_token).nonce !== pending.nonce) throw new Error('nonce');
  const session = {
    accessToken: tokens.access_token, idToken: tokens.id_token,
    expiresAt: Date.now() + 1000 * (tokens.expires_in || 300),
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

/** The session kept in this tab, if it has not expired. */
export function currentSession() {
  const session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  if (!session || session.expiresAt <= Date.now()) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return session;
}

/** Forgets the session here and ends it at the provider (which comes back to the console). */
export function signOut(config, provider, session) {
  sessionStorage.removeItem(KEY);
  if (!provider.end_session_endpoint) {
    location.assign('/');
    return;
  }
  const url = new URL(provider.end_session_endpoint);
  const params = { client_id: config.clientId, post_logout_redirect_uri: redirectUri() };
  if (session && session.idToken) params.id_token_hint = session.idToken;
  url.search = new URLSearchParams(params).toString();
  location.assign(url.toString());
}

/** Drops the session without leaving the page (after a 401). */
export function forget() {
  sessionStorage.removeItem(KEY);
}
