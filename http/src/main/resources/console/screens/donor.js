// The donor screen (donor-site, lab): look a donor up by ID card, the profile as the API shows it
// to this centre, and eligibility for each donation type with reasons and the next date.
import { html, nothing } from '../lit.js';
import { formatDate, t } from '../i18n.js';
import { antigens, api, errorBox, errorText, hasRole, list, session, update } from '../common.js';

const DONATION_TYPES = ['WHOLE_BLOOD', 'PLATELETS_APHERESIS'];
const l = { error: null, donor: null, eligibility: [], maskedId: null };

export const donorScreen = { id: 'lookup', label: 'navLookup', roles: ['donor-site'], view };

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
  l.error = null;
  l.donor = null;
  l.eligibility = [];
  l.maskedId = mask(nationalId);
  session.busy = true;
  update();
  try {
    const donor = await api.post('/api/v1/donors/lookup', { idType, nationalId });
    l.eligibility = await eligibilityOf(donor.donorId);
    l.donor = donor;
  } catch (e) {
    l.error = errorText(e);
  } finally {
    session.busy = false;
    update();
  }
}

async function eligibilityOf(donorId) {
  if (!hasRole('donor-site')) return [];
  return Promise.all(DONATION_TYPES.map(type =>
    api.get('/api/v1/donors/' + encodeURIComponent(donorId) + '/eligibility?type=' + type)
      .catch(e => ({ type, failed: errorText(e) }))));
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
