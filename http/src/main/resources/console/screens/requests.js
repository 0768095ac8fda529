// The requests board (coordinator): the centre's match requests, a request's timeline and
// candidates, the workflow steps the user may take, and live updates by Server-Sent Events.
import { html, nothing } from '../lit.js';
import { ApiError } from '../api.js';
import { formatDate, formatInstant, t } from '../i18n.js';
import { actsFor, api, confirmBox, errorBox, errorText, hasRole, list, session, update } from '../common.js';

const r = { centre: null, list: null, error: null, selected: null, detailError: null, actionError: null,
  confirm: null, working: false, last: null };
const live = { status: 'off', lastEventId: null, controller: null, applied: new Map() };

export const requestsScreen = { id: 'requests', label: 'navRequests', roles: ['coordinator'], view, enter };

function enter() {
  if (r.list === null) loadRequests();
}

/** The board reloads when next shown (after a new request). */
export function invalidateRequests() {
  r.list = null;
}

function view() {
  const centres = session.user.centres;
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
        <span id="live-status" class=${'live live-' + live.status} data-state=${live.status} role="status">${t(LIVE_LABELS[live.status])}</span>
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
  if (!r.centre) r.centre = session.user.centres[0];
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
export function candidatesTable(candidates, request) {
  if (!candidates || candidates.length === 0) return html`<p>${t('noCandidates')}</p>`;
  return html`
    <div class="scroll-x"><table class="candidates">
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
    </table></div>`;
}

// ---- Workflow steps (api-v1: contact, accept, decline by the requesting or the candidate's centre;
// allocate, fulfil, cancel by the requesting centre). Only the steps the user may take now are offered.

const OPEN_FOR_MOVES = ['CANDIDATES_FOUND', 'RECRUITING', 'ALLOCATED'];

function candidateActions(q, c) {
  const requesting = actsFor(q.requestingCentre);
  const busy = r.working;
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
    const choices = [...new Set([...session.user.centres, c.centre])];
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
  const busy = r.working;
  const by = { by: q.requestingCentre };
  return html`<div class="toolbar request-actions">
      ${q.status === 'ALLOCATED' ? html`<button type="button" id="action-fulfil" ?disabled=${busy}
          @click=${() => ask(t('confirmFulfil'), () => runStep(q.requestId + '/fulfil', by))}>${t('fulfil')}</button>` : nothing}
      ${!['FULFILLED', 'CANCELLED'].includes(q.status) ? html`<button type="button" id="action-cancel" class="danger" ?disabled=${busy}
          @click=${() => ask(t('confirmCancel'), () => runStep(q.requestId + '/cancel', by))}>${t('cancelRequest')}</button>` : nothing}
    </div>`;
}

function ask(question, run) {
  r.confirm = { question, run };
  r.actionError = null;
  update();
}

async function runStep(path, body) {
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

export async function startLive() {
  if (live.controller || !hasRole('coordinator')) return;
  const controller = new AbortController();
  live.controller = controller;
  let retry = 1000;
  while (!controller.signal.aborted && session.tokens) {
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
      if (controller.signal.aborted || !session.tokens) break;
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
  const applied = live.applied;
  if ((applied.get(event.requestId) || 0) >= event.seqNr) return;
  if (applied.size > 10000) applied.clear();
  applied.set(event.requestId, event.seqNr);
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
    if (r.selected && r.selected.requestId === requestId) r.selected = request;
  } catch (e) {
    r.detailError = errorText(e);
  }
  update();
}

/** Puts a request as just read into the board: its row updated, or added on top when new to this centre's board. */
function patchRow(request) {
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
        <button type="button" @click=${() => { r.selected = null; r.confirm = null; update(); }}>${t('close')}</button></h3>
      ${requestActions(q)}
      ${confirmBox(r)}
      ${r.actionError ? html`<p class="error" id="action-error" role="alert">${r.actionError}</p>` : nothing}
      ${r.working ? html`<p class="hint">${t('working')}</p>` : nothing}
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
