// The emergency match form (coordinator) and its ranked answer.
import { html, nothing } from '../lit.js';
import { t } from '../i18n.js';
import { api, errorBox, list, session, today, whileBusy } from '../common.js';
import { candidatesTable, invalidateRequests } from './requests.js';

const m = { error: null, result: null };

export const matchScreen = { id: 'match', label: 'navMatch', roles: ['coordinator'], view };

function splitList(value) {
  return value.split(/[,，\s]+/).map(s => s.trim()).filter(Boolean);
}

function view() {
  const select = (id, values, labelled) => html`<select id=${id}>${values.map(v => html`<option value=${v}>${labelled ? t(v) : v}</option>`)}</select>`;
  return html`
    <section>
      <h2>${t('matchTitle')}</h2>
      <form id="match-form" class="grid" method="post" autocomplete="off" @submit=${submitMatch}>
        <label>${t('requestingCentre')} ${select('m-centre', session.user.centres)}</label>
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
        <div><button id="match-submit" type="submit" ?disabled=${session.busy}>${t('submitMatch')}</button></div>
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
  m.error = null;
  m.result = null;
  await whileBusy([session, 'busy'], [m, 'error'], async () => {
    m.result = await api.post('/api/v1/match-requests', body);
    invalidateRequests();
  });
}
