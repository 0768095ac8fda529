// The coordinator console's shell: sign-in, the signed-in user's header, navigation between the
// screens the user's roles allow (each screen is a module under screens/), and start-up.
import { html, render, nothing } from './lit.js';
import { claimsOf, completeSignIn, currentSession, discover, signIn, signOut } from './auth.js';
import { currentLanguage, setLanguage, t } from './i18n.js';
import { errorBox, session, setRenderer, update } from './common.js';
import { donorScreen } from './screens/donor.js';
import { requestsScreen, startLive } from './screens/requests.js';
import { matchScreen } from './screens/match.js';
import { registryScreen } from './screens/registry.js';
import { statsScreen } from './screens/stats.js';
import { recallsScreen } from './screens/recalls.js';
import { importScreen } from './screens/import.js';

/** In the navigation's order; a screen is offered when the user has one of its roles (api-v1 "Access"). */
const SCREENS = [donorScreen, requestsScreen, matchScreen, registryScreen, statsScreen, recallsScreen, importScreen];

const shell = { fatal: null, screen: null };

setRenderer(() => render(view(), document.getElementById('app')));

function userOf(tokens, claims) {
  const c = claimsOf(tokens.accessToken);
  const centres = Array.isArray(c[claims.centres]) ? c[claims.centres] : (c[claims.centre] ? [c[claims.centre]] : []);
  const roles = Array.isArray(c[claims.roles]) ? c[claims.roles] : [];
  return { name: c.preferred_username || c.sub, centres, roles };
}

function allowedScreens() {
  return session.user ? SCREENS.filter(s => s.roles.some(role => session.user.roles.includes(role))) : [];
}

function view() {
  return html`
    <header>
      <h1>${t('title')}</h1>
      <div class="header-tools">
        ${session.user ? html`
          <span id="user" title=${t('user')}>${session.user.name}</span>
          <span id="user-centres" title=${t('centres')}>${session.user.centres.join(', ')}</span>
          <span id="user-roles" title=${t('roles')}>${session.user.roles.join(', ')}</span>` : nothing}
        <button id="language" type="button" @click=${toggleLanguage}>${t('language')}</button>
        ${session.user ? html`<button id="sign-out" type="button" @click=${() => signOut(session.config, session.provider, session.tokens)}>${t('signOut')}</button>` : nothing}
      </div>
    </header>
    ${session.user ? signedIn() : signedOut()}`;
}

function signedOut() {
  if (shell.fatal) return html`<main>${errorBox(t(shell.fatal))}</main>`;
  if (!session.provider) return html`<main><p>${t('loading')}</p></main>`;
  return html`<main class="signed-out">
      <h2>${t('signedOutTitle')}</h2>
      <p>${t('signedOutText')}</p>
      ${session.signInError ? errorBox(session.signInError) : nothing}
      <button id="sign-in" type="button" ?disabled=${session.busy} @click=${startSignIn}>${session.busy ? t('signingIn') : t('signIn')}</button>
    </main>`;
}

function signedIn() {
  const screens = allowedScreens();
  if (screens.length === 0) return html`<main><p>${t('noScreens')}</p></main>`;
  let current = screens.find(s => s.id === shell.screen);
  if (!current) {
    current = screens[0];
    shell.screen = current.id;
  }
  return html`
    <nav aria-label=${t('navigation')}>${screens.map(s => html`
      <button type="button" id=${'nav-' + s.id} class=${s.id === shell.screen ? 'active' : ''}
              aria-current=${s.id === shell.screen ? 'page' : 'false'}
              @click=${() => showScreen(s)}>${t(s.label)}</button>`)}</nav>
    <main>${current.view()}</main>`;
}

function showScreen(screen) {
  shell.screen = screen.id;
  if (screen.enter) screen.enter();
  update();
}

function toggleLanguage() {
  setLanguage(currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN');
  update();
}

async function startSignIn() {
  session.busy = true;
  update();
  await signIn(session.config, session.provider);
}

async function start() {
  setLanguage(currentLanguage());
  update();
  try {
    const response = await fetch('/console/config.json');
    if (!response.ok) throw new Error(String(response.status));
    session.config = await response.json();
    session.provider = await discover(session.config.issuer);
  } catch (e) {
    shell.fatal = 'errProvider';
    update();
    return;
  }
  try {
    session.tokens = (await completeSignIn(session.config, session.provider)) || currentSession();
  } catch (e) {
    session.signInError = t('errSignIn') + ': ' + e.message;
  }
  if (session.tokens) session.user = userOf(session.tokens, session.config.claims);
  update();
  const first = allowedScreens()[0];
  if (first && first.enter) first.enter();
  startLive();
}

start();
