// The registry screen (recruiter, coordinator): platelet and rare-donor search across the
// federation with the API's filters, a page at a time (the API's cursor).
import { html, nothing } from '../lit.js';
import { t } from '../i18n.js';
import { antigens, api, errorBox, list, session, update, whileBusy } from '../common.js';

const PAGE = 20;
const g = { error: null, donors: null, query: null, pages: [null], next: null, loading: false, centres: null };

export const registryScreen = { id: 'registry', label: 'navRegistry', roles: ['recruiter', 'coordinator'], view, enter };

/** The federation's centres, for the centre filter (a public call). */
async function enter() {
  if (g.centres) return;
  try {
    g.centres = (await api.get('/api/v1/centres')).map(c => c.code);
  } catch (e) {
    g.centres = null;
  }
  update();
}

function view() {
  return html`
    <section>
      <h2>${t('registryTitle')}</h2>
      <form id="registry-form" class="grid" autocomplete="off" @submit=${search}>
        <label>${t('panel')} <select id="r-panel">
          <option value="">${t('anyPanel')}</option>
          ${['PLATELET', 'RARE'].map(p => html`<option value=${p}>${t('panel_' + p)}</option>`)}</select></label>
        <label>${t('centre')} <select id="r-centre">
          <option value="">${t('allCentres')}</option>
          ${(g.centres || session.user.centres).map(c => html`<option value=${c}>${c}</option>`)}</select></label>
        <label>ABO <select id="r-abo"><option value="">${t('any')}</option>
          ${['O', 'A', 'B', 'AB'].map(v => html`<option value=${v}>${v}</option>`)}</select></label>
        <label>${t('negativeFor')} <input id="r-negative" placeholder="Fy(a), Jk(b)" spellcheck="false"></label>
        <label>${t('eligibleOn')} <input id="r-eligible-on" type="date"></label>
        <label>${t('eligibleType')} <select id="r-type">
          ${['WHOLE_BLOOD', 'PLATELETS_APHERESIS'].map(v => html`<option value=${v}>${t(v)}</option>`)}</select></label>
        <div><button id="registry-submit" type="submit" ?disabled=${g.loading}>${t('search')}</button></div>
      </form>
      ${errorBox(g.error, 'registry-error')}
      ${g.donors === null ? nothing : results()}
    </section>`;
}

function results() {
  if (g.donors.length === 0) return html`<p id="registry-empty">${t('noDonors')}</p>`;
  const page = g.pages.length;
  return html`
    <div class="scroll-x"><table id="registry-results">
      <thead><tr><th>${t('donorId')}</th><th>${t('homeCentre')}</th><th>${t('bloodGroup')}</th><th>${t('antigens')}</th>
        <th>HPA</th><th>${t('redCell')}</th><th>${t('panels')}</th></tr></thead>
      <tbody>${g.donors.map(d => html`
        <tr data-donor=${d.donorId}><td><code>${d.donorId}</code></td><td>${d.homeCentre}</td>
          <td>${d.abo || ''}${d.rhD === 'NEG' ? ' RhD−' : d.rhD === 'POS' ? ' RhD+' : ''}</td><td>${antigens(d.antigens)}</td>
          <td>${pairs(d.hpa)}</td><td>${pairs(d.redCell)}</td><td>${list(d.panels)}</td></tr>`)}</tbody>
    </table></div>
    <div class="toolbar pager">
      <button type="button" id="registry-previous" ?disabled=${g.pages.length <= 1 || g.loading} @click=${previous}>${t('previousPage')}</button>
      <span id="registry-page">${t('page', { page })}</span>
      <button type="button" id="registry-next" ?disabled=${!g.next || g.loading} @click=${next}>${t('nextPage')}</button>
    </div>`;
}

function pairs(map) {
  const keys = Object.keys(map || {});
  return keys.length ? keys.map(k => k + ' ' + map[k]).join(', ') : '';
}

function search(event) {
  event.preventDefault();
  const v = id => document.getElementById(id).value.trim();
  const q = new URLSearchParams();
  if (v('r-panel')) q.set('panel', v('r-panel'));
  if (v('r-centre')) q.set('centre', v('r-centre'));
  if (v('r-abo')) q.set('abo', v('r-abo'));
  if (v('r-negative')) q.set('negative', v('r-negative').split(/[,，\s]+/).filter(Boolean).join(','));
  if (v('r-eligible-on')) {
    q.set('eligibleOn', v('r-eligible-on'));
    q.set('type', v('r-type'));
  }
  q.set('limit', String(PAGE));
  g.query = q;
  g.pages = [null];
  load();
}

function next() {
  g.pages.push(g.next);
  load();
}

function previous() {
  g.pages.pop();
  load();
}

/** The page whose cursor is on top of the stack (null: the first page). */
async function load() {
  const q = new URLSearchParams(g.query);
  const cursor = g.pages[g.pages.length - 1];
  if (cursor) q.set('cursor', cursor);
  g.error = null;
  await whileBusy([g, 'loading'], [g, 'error'], async () => {
    const page = await api.get('/api/v1/donors/search?' + q.toString());
    g.donors = page.donors;
    g.next = page.nextCursor;
  });
}
