// The donor screen (donor-site, lab): look a donor up by ID card; the profile as the API shows it to
// this centre (personal data only when it is returned); eligibility for each donation type with
// reasons and the next date (donor-site); the history; and the forms the user's roles allow:
// a donation (donor-site), a test result or a deferral (lab), each confirmed in the page first.
import { html, nothing } from '../lit.js';
import { formatDate, formatInstant, t } from '../i18n.js';
import { antigens, api, confirmBox, errorBox, errorText, hasRole, list, session, today, update, whileBusy } from '../common.js';

const DONATION_TYPES = ['WHOLE_BLOOD', 'PLATELETS_APHERESIS'];
const MARKERS = ['HIV', 'HBV', 'HCV', 'SYPHILIS', 'ALT'];
const l = { error: null, donor: null, eligibility: [], maskedId: null, confirm: null, forms: {}, done: null };

export const donorScreen = { id: 'lookup', label: 'navLookup', roles: ['donor-site', 'lab'], view };

function view() {
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
        <button id="lookup-submit" type="submit" ?disabled=${session.busy}>${t('lookup')}</button>
      </form>
      <p class="hint">${t('lookupHint')}</p>
      ${errorBox(l.error)}
      ${l.donor ? donorView(l.donor) : nothing}
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
  Object.assign(l, { error: null, donor: null, eligibility: [], maskedId: mask(nationalId), confirm: null, forms: {}, done: null });
  await whileBusy([session, 'busy'], [l, 'error'], async () => {
    const donor = await api.post('/api/v1/donors/lookup', { idType, nationalId });
    l.eligibility = await eligibilityOf(donor.donorId);
    l.donor = donor;
  });
}

async function eligibilityOf(donorId) {
  if (!hasRole('donor-site')) return []; // the eligibility route is the donation site's (Rights.TABLE)
  return Promise.all(DONATION_TYPES.map(type =>
    api.get('/api/v1/donors/' + encodeURIComponent(donorId) + '/eligibility?type=' + type)
      .catch(e => ({ type, failed: errorText(e) }))));
}

/** After a write: the donor and their eligibility as they now stand. */
async function reload(donorId) {
  try {
    const [donor, eligibility] = await Promise.all([
      api.get('/api/v1/donors/' + encodeURIComponent(donorId)), eligibilityOf(donorId)]);
    l.donor = donor;
    l.eligibility = eligibility;
  } catch (e) {
    l.error = errorText(e);
  }
  update();
}

function donorView(d) {
  return html`
    <div class="donor" id="donor">
      <dl>
        <dt>${t('donorId')}</dt><dd id="donor-id">${d.donorId}</dd>
        <dt>${t('idShown')}</dt><dd>${l.maskedId}</dd>
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
        ${d.registeredAt ? html`<dt>${t('registeredAt')}</dt><dd>${formatInstant(d.registeredAt)}</dd>` : nothing}
      </dl>
      ${l.eligibility.length ? eligibilityTable() : nothing}
      ${history(d)}
      ${forms(d)}
    </div>`;
}

function eligibilityTable() {
  return html`
    <h3>${t('eligibility')}</h3>
    <table class="eligibility">
      <thead><tr><th>${t('type')}</th><th>${t('eligibility')}</th><th>${t('nextEligibleDate')}</th><th>${t('reasons')}</th></tr></thead>
      <tbody>${l.eligibility.map(e => html`
        <tr data-type=${e.type} class=${e.failed ? '' : e.eligible ? 'ok' : 'no'}>
          <td>${t(e.type)}</td>
          <td class="verdict">${e.failed ? e.failed : e.eligible ? t('eligible') : t('notEligible')}</td>
          <td>${e.failed || e.eligible ? '' : formatDate(e.nextEligibleDate)}</td>
          <td class="reasons">${(e.reasons || []).map(r => html`<div><code>${r.code}</code> ${t('reason_' + r.code) === 'reason_' + r.code ? '' : t('reason_' + r.code) + ' · '}${r.message}</div>`)}</td>
        </tr>`)}</tbody>
    </table>`;
}

function history(d) {
  const donations = d.donations || [];
  const tests = d.testResults || [];
  const deferrals = d.deferrals || [];
  return html`
    <h3>${t('history')}</h3>
    <h4>${t('donations')} (${donations.length})</h4>
    ${donations.length === 0 ? html`<p class="hint">${t('none')}</p>` : html`
      <table id="donations">
        <thead><tr><th>${t('date')}</th><th>${t('type')}</th><th>${t('centre')}</th><th>${t('amount')}</th><th>DIN</th></tr></thead>
        <tbody>${donations.map(x => html`<tr><td>${formatDate(x.date)}</td><td>${t(x.type)}</td><td>${x.centre}</td>
          <td>${x.volumeMl ? x.volumeMl + ' mL' : x.doses ? x.doses + ' ' + t('dosesUnit') : ''}</td><td><code>${x.din || ''}</code></td></tr>`)}</tbody>
      </table>`}
    <h4>${t('testResults')} (${tests.length})</h4>
    ${tests.length === 0 ? html`<p class="hint">${t('none')}</p>` : html`
      <table id="test-results">
        <thead><tr><th>${t('date')}</th><th>${t('centre')}</th><th>${t('marker')}</th><th>${t('result')}</th></tr></thead>
        <tbody>${tests.map(x => html`<tr><td>${formatDate(x.date)}</td><td>${x.centre}</td>
          <td>${x.marker || t('withheld')}</td><td>${t(x.result)}</td></tr>`)}</tbody>
      </table>`}
    <h4>${t('deferrals')} (${deferrals.length})</h4>
    ${deferrals.length === 0 ? html`<p class="hint">${t('none')}</p>` : html`
      <table id="deferrals">
        <thead><tr><th>${t('from')}</th><th>${t('until')}</th><th>${t('centre')}</th><th>${t('reason')}</th></tr></thead>
        <tbody>${deferrals.map(x => html`<tr><td>${formatDate(x.from)}</td>
          <td>${x.permanent ? t('permanent') : formatDate(x.until)}</td><td>${x.centre || ''}</td><td>${x.reason || t('withheld')}</td></tr>`)}</tbody>
      </table>`}`;
}

// ---- Forms. Each offered only to the role the rights table lets write it. ----

/** An input with its label and, when the API named it in a 400, the error beside it. */
function field(form, name, label, control) {
  const error = l.forms[form] && l.forms[form].field === name ? l.forms[form].message : null;
  return html`<label>${t(label)} ${control}
      ${error ? html`<span class="field-error" id=${form + '-' + name + '-error'} role="alert">${error}</span>` : nothing}</label>`;
}

function centreSelect(id) {
  return html`<select id=${id}>${session.user.centres.map(c => html`<option value=${c}>${c}</option>`)}</select>`;
}

function formStatus(form) {
  const s = l.forms[form];
  if (!s) return nothing;
  if (s.ok) return html`<p class="ok" id=${form + '-done'} role="status">${t('recorded')}</p>`;
  return s.field ? nothing : errorBox(s.message, form + '-error');
}

function forms(d) {
  const parts = [];
  if (hasRole('donor-site')) {
    parts.push(html`
      <form id="donation-form" class="grid record" autocomplete="off" @submit=${e => submit(e, d, 'donation')}>
        <h4>${t('recordDonation')}</h4>
        ${field('donation', 'centre', 'centre', centreSelect('donation-centre'))}
        ${field('donation', 'type', 'type', html`<select id="donation-type">${DONATION_TYPES.map(v => html`<option value=${v}>${t(v)}</option>`)}</select>`)}
        ${field('donation', 'date', 'date', html`<input id="donation-date" type="date" .value=${today()} required>`)}
        ${field('donation', 'volumeMl', 'volumeMl', html`<select id="donation-volume">${[400, 300, 200].map(v => html`<option value=${v}>${v}</option>`)}</select>`)}
        ${field('donation', 'doses', 'doses', html`<input id="donation-doses" type="number" min="1" max="3" value="1">`)}
        ${field('donation', 'din', 'din', html`<input id="donation-din" spellcheck="false" maxlength="20">`)}
        <div><button id="donation-submit" type="submit" ?disabled=${session.busy}>${t('record')}</button></div>
        ${formStatus('donation')}
      </form>`);
  }
  if (hasRole('lab')) {
    parts.push(html`
      <form id="test-form" class="grid record" autocomplete="off" @submit=${e => submit(e, d, 'test')}>
        <h4>${t('recordTest')}</h4>
        ${field('test', 'centre', 'centre', centreSelect('test-centre'))}
        ${field('test', 'date', 'date', html`<input id="test-date" type="date" .value=${today()} required>`)}
        ${field('test', 'marker', 'marker', html`<select id="test-marker">${MARKERS.map(v => html`<option value=${v}>${v}</option>`)}</select>`)}
        ${field('test', 'result', 'result', html`<select id="test-result">${['NON_REACTIVE', 'REACTIVE'].map(v => html`<option value=${v}>${t(v)}</option>`)}</select>`)}
        <div><button id="test-submit" type="submit" ?disabled=${session.busy}>${t('record')}</button></div>
        ${formStatus('test')}
      </form>
      <form id="deferral-form" class="grid record" autocomplete="off" @submit=${e => submit(e, d, 'deferral')}>
        <h4>${t('recordDeferral')}</h4>
        ${field('deferral', 'centre', 'centre', centreSelect('deferral-centre'))}
        ${field('deferral', 'reason', 'reason', html`<input id="deferral-reason" required maxlength="500">`)}
        ${field('deferral', 'from', 'from', html`<input id="deferral-from" type="date" .value=${today()} required>`)}
        ${field('deferral', 'until', 'until', html`<input id="deferral-until" type="date">`)}
        <label class="inline"><input id="deferral-permanent" type="checkbox"> ${t('permanent')}</label>
        <div><button id="deferral-submit" type="submit" ?disabled=${session.busy}>${t('record')}</button></div>
        ${formStatus('deferral')}
      </form>`);
  }
  return parts.length ? html`<h3>${t('recordTitle')}</h3>${confirmBox(l)}<div class="forms">${parts}</div>` : nothing;
}

function bodyOf(form) {
  const v = id => document.getElementById(id).value.trim();
  if (form === 'donation') {
    const type = v('donation-type');
    const body = { centre: v('donation-centre'), type, date: v('donation-date') };
    if (type === 'WHOLE_BLOOD') body.volumeMl = Number(v('donation-volume'));
    else body.doses = Number(v('donation-doses'));
    if (v('donation-din')) body.din = v('donation-din');
    return { path: 'donations', body, question: t('confirmDonation', { type: t(type), date: body.date }) };
  }
  if (form === 'test') {
    const body = { centre: v('test-centre'), date: v('test-date'), marker: v('test-marker'), result: v('test-result') };
    return { path: 'test-results', body, question: t('confirmTest', { marker: body.marker, result: t(body.result) }) };
  }
  const permanent = document.getElementById('deferral-permanent').checked;
  const body = { centre: v('deferral-centre'), reason: v('deferral-reason'), from: v('deferral-from') };
  if (permanent) body.permanent = true;
  else if (v('deferral-until')) body.until = v('deferral-until');
  return { path: 'deferrals', body,
    question: t(permanent ? 'confirmDeferralPermanent' : 'confirmDeferral', { from: body.from, until: body.until || '?' }) };
}

function submit(event, donor, form) {
  event.preventDefault();
  const { path, body, question } = bodyOf(form);
  l.forms[form] = null;
  l.confirm = { question, run: () => write(donor.donorId, form, path, body) };
  update();
  const yes = document.getElementById('confirm-yes');
  if (yes) yes.focus();
}

async function write(donorId, form, path, body) {
  session.busy = true;
  update();
  try {
    await api.post('/api/v1/donors/' + encodeURIComponent(donorId) + '/' + path, body);
    l.forms[form] = { ok: true };
    await reload(donorId);
  } catch (e) {
    // A 400 names its field: shown beside that input (the API's path: "date", "until", "din" ...).
    const name = e.body && e.body.field ? String(e.body.field).replace(/^.*\./, '') : null;
    l.forms[form] = { ok: false, field: name && document.getElementById(form + '-' + fieldId(name)) ? name : null, message: errorText(e) };
  } finally {
    session.busy = false;
    update();
  }
}

/** The API's field name -> the suffix of its input's id. */
function fieldId(name) {
  return { volumeMl: 'volume' }[name] || name;
}
