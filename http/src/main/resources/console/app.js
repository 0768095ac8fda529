// The coordinator console: sign-in, the signed-in user's header, and the screens their roles allow.
import { html, render, nothing } from './lit.js';
import { claimsOf, completeSignIn, currentSession, discover, forget, signIn, signOut } from './auth.js';
import { ApiError, client } from './api.js';
import { currentLanguage, formatDate, formatInstant, setLanguage, t } from './i18n.js';

const DONATION_TYPES = ['WHOLE_BLOOD', 'PLATELETS_APHERESIS'];
/** Which role a screen needs (api-v1 "Access"); a screen the caller may not use is not offered. */
const SCREENS = [
  { id: 'lookup', label: 'navLookup', role: 'donor-site' },
  { id: 'requests', label: 'navRequests', role: 'coordinator' },
  { id: 'match', label: 'navMatch', role: 'coordinator' },
];

const state = {
  config: null, provider: null, session: null, user: null, fatal: null, signInError: null, busy: false,
  screen: null,
  lookup: { error: null, donor: null, eligibility: [], maskedId: null },
  requests: { centre: null, list: null, error: null, selected: null, detailError: null, actionError: null,
    confirm: null, working: false, last: null },
  live: { status: 'off', lastEventId: null, controller: null, applied: new Map() },
  match: { error: null, result: null },
};

const api = client(() => state.session && state.session.accessToken, () => {
  // The token is no longer accepted: forget it; the error says to sign in again.
  forget();
  state.session = null;
  state.user = null;
  state.signInError = t('err401');
});

function userOf(session, claims) {
  const c = claimsOf(session.accessToken);
  const centres = Array.isArray(c[claims.centres]) ? c[claims.centres] : (c[claims.centre] ? [c[claims.centre]] : []);
  const roles = Array.isArray(c[claims.roles]) ? c[claims.roles] : [];
  return { name: c.preferred_username || c.sub, centres, roles };
}

function allowedScreens() {
  return state.user ? SCREENS.filter(s => state.user.roles.includes(s.role)) : [];
}

function errorText(e) {
  if (!(e instanceof ApiError)) return t('errOther') + ': ' + e.message;
  const detail = e.body.message ? ': ' + e.body.message : '';
  switch (e.status) {
    case 0: return t('err0');
    case 400: return t('err400') + detail + (e.body.field ? ' (' + e.body.field + ')' : '');
    case 401: return t('err401');
    case 403: return t('err403') + detail;
    case 404: return t('err404');
    case 409: {
      // The refusals the workflow has, in the page's language, then the server's own words.
      const known = e.code ? t('conflict_' + e.code) : null;
      if (!known || known === 'conflict_' + e.code) return t('err409') + detail;
      return t('err409') + ': ' + known + (e.body.message && e.body.message !== known ? ' (' + e.body.message + ')' : '');
    }
    case 413: return t('err413');
    case 429: return t('err429');
    case 503: return t('err503');
    default: return t('errOther') + ' (' + e.status + ')' + detail;
  }
}

function errorBox(message) {
  return message ? html`<p class="error" role="alert">${message}</p>` : nothing;
}

function update() {
  render(view(), document.getElementById('app'));
}

function view() {
  return html`
    <header>
      <h1>${t('title')}</h1>
      <div class="header-tools">
        ${state.user ? html`
          <span id="user" title=${t('user')}>${state.user.name}</span>
          <span id="user-centres" title=${t('centres')}>${state.user.centres.join(', ')}</span>
          <span id="user-roles" title=${t('roles')}>${state.user.roles.join(', ')}</span>` : nothing}
        <button id="language" type="button" @click=${toggleLanguage}>${t('language')}</button>
        ${state.user ? html`<button id="sign-out" type="button" @click=${() => signOut(state.config, state.provider, state.session)}>${t('signOut')}</button>` : nothing}
      </div>
    </header>
    ${state.user ? signedIn() : signedOut()}`;
}

function signedOut() {
  if (state.fatal) return html`<main>${errorBox(t(state.fatal))}</main>`;
  if (!state.provider) return html`<main><p>${t('loading')}</p></main>`;
  return html`<main class="signed-out">
      <h2>${t('signedOutTitle')}</h2>
      <p>${t('signedOutText')}</p>
      ${state.signInError ? errorBox(state.signInError) : nothing}
      <button id="sign-in" type="button" ?disabled=${state.busy} @click=${startSignIn}>${state.busy ? t('signingIn') : t('signIn')}</button>
    </main>`;
}

function signedIn() {
  const screens = allowedScreens();
  if (screens.length === 0) return html`<main><p>${t('noScreens')}</p></main>`;
  if (!screens.some(s => s.id === state.screen)) state.screen = screens[0].id;
  return html`
    <nav>${screens.map(s => html`
      <button type="button" id=${'nav-' + s.id} class=${s.id === state.screen ? 'active' : ''}
              @click=${() => showScreen(s.id)}>${t(s.label)}</button>`)}</nav>
    <main>${state.screen === 'lookup' ? lookupScreen() : state.screen === 'requests' ? requestsScreen() : matchScreen()}</main>`;
}

function showScreen(id) {
  state.screen = id;
  if (id === 'requests' && state.requests.list === null) loadRequests();
  update();
}

function toggleLanguage() {
  setLanguage(currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN');
  update();
}

async function startSignIn() {
  state.busy = true;
  update();
  await signIn(state.config, state.provider);
}

// ---- Donor lookup (donor-site) ----

function lookupScreen() {
  const l = state.lookup;
  // The number's field has no name and the form's method is POST: even if this script failed, it would never reach a URL.
  return html`
    <section>
      <h2>${t('lookupTitle')}</h2>
      <form id="lookup-form" method="post" autocomplete="off" @submit=${lookup}>
        <label>${t('idType')}
          <select id="lookup-id-type">${['CN_RIC', 'PASSPORT', 'OTHER'].map(v => html`<option value=${v}>${t(v)}</option>`)}</select>
        </label>
        <label>${t('nationalId')}
          <input id="lookup-id" type="text" autocomplete="off" spellcheck="false" required maxlength="64">
        </label>
        <button id="lookup-submit" type="submit" ?disabled=${state.busy}>${t('lookup')}</button>
      </form>
      <p class="hint">${t('lookupHint')}</p>
      ${errorBox(l.error)}
      ${l.donor ? donorView(l.donor, l.eligibility, l.maskedId) : nothing}
    </section>`;
}

function mask(id) {
  return id.length <= 8 ? '****' : id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

async function lookup(event) {
  event.preventDefault();
  const input = document.getElementById('lookup-id');
  const nationalId = input.value.trim();
  const idType = document.getElementById('lookup-id-type').value;
  input.value = '';
  state.lookup = { error: null, donor: null, eligibility: [], maskedId: mask(nationalId) };
  state.busy = true;
  update();
  try {
    const donor = await api.post('/api/v1/donors/lookup', { idType, nationalId });
    const eligibility = await Promise.all(DONATION_TYPES.map(type =>
      api.get('/api/v1/donors/' + encodeURIComponent(donor.donorId) + '/eligibility?type=' + type)
        .catch(e => ({ type, failed: errorText(e) }))));
    state.lookup.donor = donor;
    state.lookup.eligibility = eligibility;
  } catch (e) {
    state.lookup.error = errorText(e);
  } finally {
    state.busy = false;
    update();
  }
}

function list(values) {
  return values && values.length ? values.join(', ') : t('none');
}

function antigens(map) {
  const loci = Object.keys(map || {});
  return loci.length ? loci.map(locus => locus + ': ' + map[locus].join(' ')).join('; ') : t('none');
}

function donorView(d, eligibility, maskedId) {
  return html`
    <div class="donor" id="donor">
      <dl>
        <dt>${t('donorId')}</dt><dd id="donor-id">${d.donorId}</dd>
        <dt>${t('idShown')}</dt><dd>${maskedId}</dd>
        <dt>${t('homeCentre')}</dt><dd>${d.homeCentre}</dd>
        ${d.name !== undefined ? html`<dt>${t('name')}</dt><dd id="donor-name">${d.name}</dd>` : nothing}
        ${d.phone !== undefined ? html`<dt>${t('phone')}</dt><dd>${d.phone}</dd>` : nothing}
        <dt>${t('sex')}</dt><dd>${t(d.sex)}</dd>
        <dt>${t('birthDate')}</dt><dd>${formatDate(d.birthDate)}</dd>
        ${d.weightKg ? html`<dt>${t('weightKg')}</dt><dd>${d.weightKg}</dd>` : nothing}
        <dt>${t('bloodGroup')}</dt><dd>${d.abo ? d.abo + (d.rhD === 'NEG' ? ' RhD−' : d.rhD === 'POS' ? ' RhD+' : '') : t('none')}</dd>
        <dt>${t('antigens')}</dt><dd>${antigens(d.antigens)}</dd>
        <dt>${t('panels')}</dt><dd>${list(d.panels)}</dd>
        <dt>${t('seenAt')}</dt><dd>${list(d.centres)}</dd>
        <dt>${t('donations')}</dt><dd>${(d.donations || []).length}</dd>
        <dt>${t('deferrals')}</dt><dd>${(d.deferrals || []).length}</dd>
      </dl>
      <h3>${t('eligibility')}</h3>
      <table class="eligibility">
        <thead><tr><th>${t('type')}</th><th>${t('eligibility')}</th><th>${t('nextEligibleDate')}</th><th>${t('reasons')}</th></tr></thead>
        <tbody>${eligibility.map(e => html`
          <tr data-type=${e.type} class=${e.failed ? '' : e.eligible ? 'ok' : 'no'}>
            <td>${t(e.type)}</td>
            <td>${e.failed ? e.failed : e.eligible ? t('eligible') : t('notEligible')}</td>
            <td>${e.failed || e.eligible ? '' : formatDate(e.nextEligibleDate)}</td>
            <td>${(e.reasons || []).map(r => html`<div><code>${r.code}</code> ${r.message}</div>`)}</td>
          </tr>`)}</tbody>
      </table>
    </div>`;
}

// ---- Requests board (coordinator) ----

function requestsScreen() {
  const r = state.requests;
  const centres = state.user.centres;
  return html`
    <section>
      <h2>${t('requestsTitle')}</h2>
      <div class="toolbar">
        <label>${t('centre')}
          <select id="requests-centre" @change=${e => { r.centre = e.target.value; loadRequests(); }}>
            ${centres.map(c => html`<option value=${c} ?selected=${c === r.centre}>${c}</option>`)}
          </select>
        </label>
        <button id="requests-refresh" type="button" @click=${loadRequests}>${t('refresh')}</button>
        <form id="open-request-form" autocomplete="off" @submit=${e => { e.preventDefault();
            const id = document.getElementById('open-request-id').value.trim(); if (id) openRequest(id); }}>
          <label>${t('openRequestId')}
            <input id="open-request-id" size="38" spellcheck="false" placeholder="00000000-0000-0000-0000-000000000000"></label>
          <button id="open-request" type="submit">${t('openRequest')}</button>
        </form>
        <span id="live-status" class=${'live live-' + state.live.status} data-state=${state.live.status} role="status">${t(LIVE_LABELS[state.live.status])}</span>
      </div>
      ${r.last ? html`<p class="hint" id="live-last">${t('liveLast')}: <code>${r.last.requestId.slice(0, 8)}</code>
        ${r.last.type} · ${r.last.by} · ${formatInstant(r.last.at)}</p>` : nothing}
      ${errorBox(r.error)}
      ${r.list === null ? (r.error ? nothing : html`<p>${t('loading')}</p>`) : r.list.length === 0 ? html`<p>${t('noRequests')}</p>` : html`
        <table id="requests">
          <thead><tr><th>${t('created')}</th><th>${t('status')}</th><th>${t('urgency')}</th><th>${t('product')}</th>
            <th>${t('hospital')}</th><th>${t('patient')}</th><th>${t('neededBy')}</th></tr></thead>
          <tbody>${r.list.map(q => html`
            <tr class=${r.selected && r.selected.requestId === q.requestId ? 'selected' : ''} data-row=${q.requestId}>
              <td><button type="button" class="link" data-request=${q.requestId} @click=${() => openRequest(q.requestId)}>${formatInstant(q.createdAt)}</button></td>
              <td class="status">${q.status}</td><td>${t(q.urgency)}</td><td>${t(q.product)}</td>
              <td>${q.hospital}</td><td>${q.patientReference}</td><td>${formatDate(q.neededBy)}</td>
            </tr>`)}</tbody>
        </table>`}
      ${errorBox(r.detailError)}
      ${r.selected ? requestDetail(r.selected) : nothing}
    </section>`;
}

async function loadRequests() {
  const r = state.requests;
  if (!r.centre) r.centre = state.user.centres[0];
  r.error = null;
  update();
  try {
    const page = await api.get('/api/v1/match-requests?centre=' + encodeURIComponent(r.centre));
    r.list = page.requests;
  } catch (e) {
    r.list = null;
    r.error = errorText(e);
  }
  update();
}

async function openRequest(requestId) {
  const r = state.requests;
  r.detailError = null;
  r.actionError = null;
  r.confirm = null;
  try {
    r.selected = await api.get('/api/v1/match-requests/' + encodeURIComponent(requestId));
  } catch (e) {
    r.selected = null;
    r.detailError = errorText(e);
  }
  update();
}

/** {@code request}: the request the candidates are of, to offer the workflow steps the user may take. */
function candidatesTable(candidates, request) {
  if (!candidates || candidates.length === 0) return html`<p>${t('noCandidates')}</p>`;
  return html`
    <table class="candidates">
      <thead><tr><th>${t('rank')}</th><th>${t('donorId')}</th><th>${t('centre')}</th><th>${t('grade')}</th>
        <th>${t('identical')}</th><th>${t('crossReactive')}</th><th>${t('mismatched')}</th><th>${t('abo')}</th>
        <th>${t('eligibleFrom')}</th><th>${t('state')}</th>${request ? html`<th>${t('actions')}</th>` : nothing}</tr></thead>
      <tbody>${candidates.map(c => html`
        <tr data-donor=${c.donorId}>
          <td>${c.rank}</td><td><code>${c.donorId}</code></td><td>${c.centre}</td><td>${c.grade}</td>
          <td>${list(c.identical)}</td><td>${list(c.crossReactive)}</td><td>${list(c.mismatched)}</td>
          <td>${c.abo}${c.rhdWarning ? html` <span class="warn">${t('rhdWarning')}</span>` : nothing}</td>
          <td>${formatDate(c.eligibleFrom)}</td><td class="state">${c.state}</td>
          ${request ? html`<td class="actions">${candidateActions(request, c)}</td>` : nothing}
        </tr>`)}</tbody>
    </table>`;
}

// ---- Workflow steps (api-v1: contact, accept, decline by the requesting or the candidate's centre;
// allocate, fulfil, cancel by the requesting centre). Only the steps the user may take now are offered.

const OPEN_FOR_MOVES = ['CANDIDATES_FOUND', 'RECRUITING', 'ALLOCATED'];

function actsFor(centre) {
  return state.user.roles.includes('coordinator') && state.user.centres.includes(centre);
}

function candidateActions(q, c) {
  const requesting = actsFor(q.requestingCentre);
  const busy = state.requests.working;
  const step = (action, label, run) => html`<button type="button" class="action" data-action=${action}
      data-donor=${c.donorId} ?disabled=${busy} @click=${run}>${t(label)}</button>`;
  const buttons = [];
  const by = actsFor(c.centre) ? c.centre : q.requestingCentre;
  if ((requesting || actsFor(c.centre)) && OPEN_FOR_MOVES.includes(q.status)) {
    const move = to => () => runStep(q.requestId + '/candidates/' + encodeURIComponent(c.donorId) + '/' + to, { by });
    if (c.state === 'PROPOSED') buttons.push(step('contact', 'contact', move('contact')));
    if (c.state === 'CONTACTED') {
      buttons.push(step('accept', 'accept', move('accept')));
      buttons.push(step('decline', 'decline', () => ask(t('confirmDecline', { donor: c.donorId }), move('decline'))));
    }
  }
  const allocated = (q.allocations || []).some(a => a.donorId === c.donorId);
  if (requesting && c.state === 'ACCEPTED' && !allocated && ['RECRUITING', 'ALLOCATED'].includes(q.status)) {
    const choices = [...new Set([...state.user.centres, c.centre])];
    buttons.push(html`<label class="inline">${t('collectingCentre')}
        <select class="collecting" data-donor=${c.donorId}>${choices.map(code => html`
          <option value=${code} ?selected=${code === c.centre}>${code}</option>`)}</select></label>`);
    buttons.push(step('allocate', 'allocate', event => {
      const collectingCentre = event.target.closest('td').querySelector('select.collecting').value;
      ask(t('confirmAllocate', { donor: c.donorId, centre: collectingCentre }),
        () => runStep(q.requestId + '/allocations', { donorId: c.donorId, collectingCentre, by: q.requestingCentre }));
    }));
  }
  return buttons;
}

function requestActions(q) {
  if (!actsFor(q.requestingCentre)) return nothing;
  const busy = state.requests.working;
  const by = { by: q.requestingCentre };
  return html`<div class="toolbar request-actions">
      ${q.status === 'ALLOCATED' ? html`<button type="button" id="action-fulfil" ?disabled=${busy}
          @click=${() => ask(t('confirmFulfil'), () => runStep(q.requestId + '/fulfil', by))}>${t('fulfil')}</button>` : nothing}
      ${!['FULFILLED', 'CANCELLED'].includes(q.status) ? html`<button type="button" id="action-cancel" class="danger" ?disabled=${busy}
          @click=${() => ask(t('confirmCancel'), () => runStep(q.requestId + '/cancel', by))}>${t('cancelRequest')}</button>` : nothing}
    </div>`;
}

/** A step that cannot be taken back waits for the user to confirm it, in the page (no browser dialog). */
function ask(question, run) {
  state.requests.confirm = { question, run };
  state.requests.actionError = null;
  update();
}

function confirmBox() {
  const c = state.requests.confirm;
  if (!c) return nothing;
  return html`<div class="confirm" id="confirm-box" role="alertdialog" aria-labelledby="confirm-question">
      <p id="confirm-question">${c.question}</p>
      <button type="button" id="confirm-yes" class="danger" @click=${() => { state.requests.confirm = null; c.run(); }}>${t('confirmYes')}</button>
      <button type="button" id="confirm-no" @click=${() => { state.requests.confirm = null; update(); }}>${t('confirmNo')}</button>
    </div>`;
}

async function runStep(path, body) {
  const r = state.requests;
  r.actionError = null;
  r.working = true;
  update();
  try {
    const request = await api.post('/api/v1/match-requests/' + path, body);
    if (r.selected && r.selected.requestId === request.requestId) r.selected = request;
    patchRow(request);
  } catch (e) {
    // A 409 says why in the server's words (e.g. the donor is reserved for another request); the
    // request as it now stands is read again, since someone else may have moved it.
    r.actionError = errorText(e);
    if (r.selected) refreshSelected(r.selected.requestId);
  } finally {
    r.working = false;
    update();
  }
}

// ---- Live updates: the node's Server-Sent Events, read with fetch() so the token goes in a header ----

const LIVE_LABELS = { off: 'liveOff', connecting: 'liveConnecting', live: 'liveOn', reconnecting: 'liveReconnecting' };

async function startLive() {
  const live = state.live;
  if (live.controller || !state.user || !state.user.roles.includes('coordinator')) return;
  const controller = new AbortController();
  live.controller = controller;
  let retry = 1000;
  while (!controller.signal.aborted && state.session) {
    live.status = live.status === 'live' ? 'reconnecting' : live.status === 'off' ? 'connecting' : live.status;
    update();
    try {
      // The server ends a stream after a few minutes (so the token is checked again): reconnect from the last id.
      await api.stream('/api/v1/match-requests/events', live.lastEventId, event => {
        if (event.id) live.lastEventId = event.id;
        live.status = 'live';
        retry = 1000;
        if (event.type !== 'ready') onRequestEvent(JSON.parse(event.data));
        update();
      }, controller.signal);
    } catch (e) {
      if (controller.signal.aborted || !state.session) break;
      if (e instanceof ApiError && e.status === 400) live.lastEventId = null; // an id from before a server change
      if (e instanceof ApiError && e.status === 403) break;
    }
    if (controller.signal.aborted) break;
    live.status = 'reconnecting';
    update();
    await new Promise(resolve => setTimeout(resolve, retry));
    retry = Math.min(retry * 2, 30000);
  }
  live.controller = null;
  live.status = 'off';
  update();
}

/**
 * A step usually arrives twice: at once from the node that took it (no id), then from the journal
 * (with the id to resume from). Applied by the request's event number, the second changes nothing;
 * and reading the request again is idempotent anyway.
 */
function onRequestEvent(event) {
  const applied = state.live.applied;
  if ((applied.get(event.requestId) || 0) >= event.seqNr) return;
  if (applied.size > 10000) applied.clear();
  applied.set(event.requestId, event.seqNr);
  const r = state.requests;
  r.last = event;
  if (r.selected && r.selected.requestId === event.requestId) refreshSelected(event.requestId);
  const listed = r.list && r.list.some(q => q.requestId === event.requestId);
  if (listed || (r.list && event.type === 'CREATED' && event.requestingCentre === r.centre)) {
    // The listing (read side) may lag this event; the request itself does not.
    api.get('/api/v1/match-requests/' + encodeURIComponent(event.requestId)).then(patchRow, () => {});
  }
}

async function refreshSelected(requestId) {
  try {
    const request = await api.get('/api/v1/match-requests/' + encodeURIComponent(requestId));
    if (state.requests.selected && state.requests.selected.requestId === requestId) state.requests.selected = request;
  } catch (e) {
    state.requests.detailError = errorText(e);
  }
  update();
}

/** Puts a request as just read into the board: its row updated, or added on top when new to this centre's board. */
function patchRow(request) {
  const r = state.requests;
  if (!r.list || request.requestingCentre !== r.centre) return;
  const row = {
    centre: request.requestingCentre, createdAt: request.createdAt, requestId: request.requestId, status: request.status,
    product: request.product, urgency: request.urgency, hospital: request.hospital,
    patientReference: request.patient && request.patient.reference, neededBy: request.neededBy,
  };
  const at = r.list.findIndex(q => q.requestId === request.requestId);
  r.list = at >= 0 ? r.list.map((q, i) => i === at ? { ...q, status: row.status } : q) : [row, ...r.list];
  update();
}

function requestDetail(q) {
  return html`
    <div class="detail" id="request-detail">
      <h3>${t('requestId')} <code>${q.requestId}</code> · <span id="detail-status">${q.status}</span>
        <button type="button" @click=${() => { state.requests.selected = null; state.requests.confirm = null; update(); }}>${t('close')}</button></h3>
      ${requestActions(q)}
      ${confirmBox()}
      ${state.requests.actionError ? html`<p class="error" id="action-error" role="alert">${state.requests.actionError}</p>` : nothing}
      ${state.requests.working ? html`<p class="hint">${t('working')}</p>` : nothing}
      <h4>${t('timeline')}</h4>
      <table class="timeline">
        <thead><tr><th>${t('at')}</th><th>${t('event')}</th><th>${t('by')}</th><th>${t('subject')}</th><th>${t('donorId')}</th></tr></thead>
        <tbody>${(q.events || []).map(e => html`
          <tr><td>${formatInstant(e.at)}</td><td>${e.type}</td><td>${e.by}</td><td>${e.subject || ''}</td>
            <td>${e.donorId ? html`<code>${e.donorId}</code>` : ''}${e.note ? ' · ' + e.note : ''}</td></tr>`)}</tbody>
      </table>
      <h4>${t('candidates')}</h4>
      ${candidatesTable(q.candidates, q)}
    </div>`;
}

// ---- Emergency match (coordinator) ----

function today() {
  // The node's "today" is in its zone; the form proposes the browser's date and the node checks it.
  const d = new Date();
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

function splitList(value) {
  return value.split(/[,，\s]+/).map(s => s.trim()).filter(Boolean);
}

function matchScreen() {
  const m = state.match;
  const select = (id, values, labelled) => html`<select id=${id}>${values.map(v => html`<option value=${v}>${labelled ? t(v) : v}</option>`)}</select>`;
  return html`
    <section>
      <h2>${t('matchTitle')}</h2>
      <form id="match-form" class="grid" method="post" autocomplete="off" @submit=${submitMatch}>
        <label>${t('requestingCentre')} ${select('m-centre', state.user.centres)}</label>
        <label>${t('hospital')} <input id="m-hospital" required></label>
        <label>${t('product')} ${select('m-product', ['PLATELETS_APHERESIS', 'RED_CELLS'], true)}</label>
        <label>${t('units')} <input id="m-units" type="number" min="1" value="1" required></label>
        <label>${t('urgency')} ${select('m-urgency', ['EMERGENCY', 'URGENT', 'ROUTINE'], true)}</label>
        <label>${t('neededBy')} <input id="m-needed-by" type="date" .value=${today()} required></label>
        <label>${t('patient')} <input id="m-patient" required></label>
        <label>${t('patientSex')} ${select('m-sex', ['F', 'M'], true)}</label>
        <label>${t('patientAbo')} ${select('m-abo', ['O', 'A', 'B', 'AB'])}</label>
        <label>${t('patientRhD')} ${select('m-rhd', ['POS', 'NEG'])}</label>
        <label>${t('hlaA')} <input id="m-hla-a" placeholder="A2, A24"></label>
        <label>${t('hlaB')} <input id="m-hla-b" placeholder="B46, B60"></label>
        <label>${t('hlaAntibodies')} <input id="m-hla-ab"></label>
        <label>${t('hpaAntibodies')} <input id="m-hpa-ab"></label>
        <label>${t('redCellAntibodies')} <input id="m-rc-ab"></label>
        <label>${t('requiredNegative')} <input id="m-rc-neg"></label>
        <label>${t('maxCandidates')} <input id="m-max" type="number" min="1" max="200" value="20"></label>
        <div><button id="match-submit" type="submit" ?disabled=${state.busy}>${t('submitMatch')}</button></div>
      </form>
      ${errorBox(m.error)}
      ${m.result ? html`
        <div id="match-result">
          <p>${t('requestId')} <code>${m.result.requestId}</code> · ${m.result.status}</p>
          <p>${t('centresAnswered')}: ${list(m.result.centresAnswered)} · ${t('centresMissing')}: ${list(m.result.centresMissing)}</p>
          ${candidatesTable(m.result.candidates)}
        </div>` : nothing}
    </section>`;
}

async function submitMatch(event) {
  event.preventDefault();
  const v = id => document.getElementById(id).value.trim();
  const hla = {};
  if (v('m-hla-a')) hla.A = splitList(v('m-hla-a'));
  if (v('m-hla-b')) hla.B = splitList(v('m-hla-b'));
  const body = {
    requestingCentre: v('m-centre'), hospital: v('m-hospital'), product: v('m-product'), units: Number(v('m-units')),
    urgency: v('m-urgency'), neededBy: v('m-needed-by'),
    patient: {
      reference: v('m-patient'), sex: v('m-sex'), abo: v('m-abo'), rhD: v('m-rhd'), hla,
      hlaAntibodies: splitList(v('m-hla-ab')), hpaAntibodies: splitList(v('m-hpa-ab')),
      redCellAntibodies: splitList(v('m-rc-ab')), requiredRedCellNegative: splitList(v('m-rc-neg')),
    },
    maxCandidates: Number(v('m-max') || 20),
  };
  state.match = { error: null, result: null };
  state.busy = true;
  update();
  try {
    state.match.result = await api.post('/api/v1/match-requests', body);
    state.requests.list = null; // the board reloads when shown
  } catch (e) {
    state.match.error = errorText(e);
  } finally {
    state.busy = false;
    update();
  }
}

// ---- Start ----

async function start() {
  setLanguage(currentLanguage());
  update();
  try {
    const response = await fetch('/console/config.json');
    if (!response.ok) throw new Error(String(response.status));
    state.config = await response.json();
    state.provider = await discover(state.config.issuer);
  } catch (e) {
    state.fatal = 'errProvider';
    update();
    return;
  }
  try {
    state.session = (await completeSignIn(state.config, state.provider)) || currentSession();
  } catch (e) {
    state.signInError = t('errSignIn') + ': ' + e.message;
  }
  if (state.session) {
    state.user = userOf(state.session, state.config.claims);
    if (state.user.roles.includes('coordinator')) state.requests.centre = state.user.centres[0];
  }
  update();
  if (state.user && allowedScreens()[0] && allowedScreens()[0].id === 'requests') loadRequests();
  startLive();
}

start();
