// What the shell and every screen share: the signed-in user, the API client, errors in words,
// re-rendering, and small formatting helpers.
import { html, nothing } from './lit.js';
import { forget } from './auth.js';
import { ApiError, client } from './api.js';
import { t } from './i18n.js';

/** The session: set by the shell (app.js), read by the screens. */
export const session = { config: null, provider: null, tokens: null, user: null, signInError: null, busy: false };

let renderer = () => {};

/** The shell's render function (app.js sets it once). */
export function setRenderer(fn) {
  renderer = fn;
}

export function update() {
  renderer();
}

/**
 * Runs {@code work} with the flag {@code busy} ([holder, key]) set, re-rendering before and after;
 * what it throws is put in words at {@code error} ([holder, key]).
 */
export async function whileBusy([flags, flag], [errors, key], work) {
  flags[flag] = true;
  update();
  try {
    await work();
  } catch (e) {
    errors[key] = errorText(e);
  } finally {
    flags[flag] = false;
    update();
  }
}

export const api = client(() => session.tokens && session.tokens.accessToken, () => {
  // The token is no longer accepted: forget it; the error says to sign in again.
  forget();
  session.tokens = null;
  session.user = null;
  session.signInError = t('err401');
});

export function hasRole(role) {
  return !!session.user && session.user.roles.includes(role);
}

/** May the user act for {@code centre} with {@code role}? */
export function actsFor(centre, role = 'coordinator') {
  return hasRole(role) && session.user.centres.includes(centre);
}

export function errorText(e) {
  if (!(e instanceof ApiError)) return t('errOther') + ': ' + e.message;
  const detail = e.body.message ? ': ' + e.body.message : '';
  switch (e.status) {
    case 0: return t('err0');
    case 400: return t('err400') + detail + (e.body.field ? ' (' + e.body.field + ')' : '');
    case 401: return t('err401');
    case 403: return t('err403') + detail;
    case 404: return t('err404');
    case 409: {
      // The refusals the API has, in the page's language, then the server's own words.
      const known = e.code ? t('conflict_' + e.code) : null;
      if (!known || known === 'conflict_' + e.code) return t('err409') + detail;
      return t('err409') + ': ' + known + (e.body.message && e.body.message !== known ? ' (' + e.body.message + ')' : '');
    }
    case 413: return t('err413');
    case 415: return t('err415');
    case 429: return t('err429');
    case 503: return t('err503');
    default: return t('errOther') + ' (' + e.status + ')' + detail;
  }
}

export function errorBox(message, id) {
  return message ? html`<p class="error" id=${id || nothing} role="alert">${message}</p>` : nothing;
}

export function list(values) {
  return values && values.length ? values.join(', ') : t('none');
}

export function antigens(map) {
  const loci = Object.keys(map || {});
  return loci.length ? loci.map(locus => locus + ': ' + map[locus].join(' ')).join('; ') : t('none');
}

/** The browser's date, YYYY-MM-DD (the node checks it against its own "today"). */
export function today() {
  const d = new Date();
  return isoDate(d);
}

export function isoDate(d) {
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

/**
 * A question in the page (no browser dialog) before a step that cannot be taken back; {@code holder}
 * is the screen's state object, which keeps the open question in {@code confirm}.
 */
export function confirmBox(holder) {
  const c = holder.confirm;
  if (!c) return nothing;
  return html`<div class="confirm" id="confirm-box" role="alertdialog" aria-labelledby="confirm-question">
      <p id="confirm-question">${c.question}</p>
      <button type="button" id="confirm-yes" class="danger" @click=${() => { holder.confirm = null; c.run(); }}>${t('confirmYes')}</button>
      <button type="button" id="confirm-no" @click=${() => { holder.confirm = null; update(); }}>${t('confirmNo')}</button>
    </div>`;
}
