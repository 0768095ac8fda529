// The recalls screen (lab, coordinator): the centre's open look-back recalls (issue 16), and their
// acknowledgement with the unit's outcome (a lab of the recall's collecting centre).
import { html, nothing } from '../lit.js';
import { formatDate, formatInstant, t } from '../i18n.js';
import { actsFor, api, confirmBox, errorBox, errorText, session, update, whileBusy } from '../common.js';

const OUTCOMES = ['QUARANTINED', 'RECALLED', 'TRANSFUSED'];
// Acknowledged here: the list (a read-side table) may show them as open for about a second more.
const acknowledged = new Set();
const c = { centre: null, recalls: null, next: null, error: null, actionError: null, confirm: null, working: false };

export const recallsScreen = { id: 'recalls', label: 'navRecalls', roles: ['lab', 'coordinator'], view, enter };

function enter() {
  if (c.recalls === null) load();
}

function view() {
  if (!c.centre) c.centre = session.user.centres[0];
  return html`
    <section>
      <h2>${t('recallsTitle')}</h2>
      <div class="toolbar">
        <label>${t('centre')} <select id="recalls-centre" @change=${e => { c.centre = e.target.value; load(); }}>
          ${session.user.centres.map(x => html`<option value=${x} ?selected=${x === c.centre}>${x}</option>`)}</select></label>
        <button type="button" id="recalls-refresh" @click=${() => load()}>${t('refresh')}</button>
      </div>
      <p class="hint">${t('recallsHint')}</p>
      ${errorBox(c.error, 'recalls-error')}
      ${confirmBox(c)}
      ${errorBox(c.actionError, 'recall-action-error')}
      ${c.recalls === null ? (c.error ? nothing : html`<p>${t('loading')}</p>`) : table()}
    </section>`;
}

function table() {
  const open = c.recalls.filter(r => !acknowledged.has(r.recallId));
  if (open.length === 0) return html`<p id="recalls-empty">${t('noRecalls')}</p>`;
  const mayAcknowledge = r => actsFor(r.centre, 'lab');
  return html`
    <div class="scroll-x"><table id="recalls">
      <thead><tr><th>${t('donorId')}</th><th>${t('donation')}</th><th>DIN</th><th>${t('marker')}</th><th>${t('testDate')}</th>
        <th>${t('openedAt')}</th><th>${t('acknowledge')}</th></tr></thead>
      <tbody>${open.map(r => html`
        <tr data-recall=${r.recallId} data-donor=${r.donorId}>
          <td><code>${r.donorId}</code></td>
          <td>${formatDate(r.donation.date)} · ${t(r.donation.type)} · ${r.donation.centre}</td>
          <td><code>${r.donation.din || ''}</code></td>
          <td>${r.marker} ${t(r.result)}</td><td>${formatDate(r.testDate)}</td><td>${formatInstant(r.openedAt)}</td>
          <td class="actions">${mayAcknowledge(r) ? html`
            <label class="inline">${t('outcome')}
              <select class="recall-outcome">${OUTCOMES.map(o => html`<option value=${o}>${t('outcome_' + o)}</option>`)}</select></label>
            <label class="inline">${t('note')} <input class="recall-note" maxlength="500"></label>
            <button type="button" class="recall-acknowledge" ?disabled=${c.working} @click=${e => ask(e, r)}>${t('acknowledge')}</button>`
          : html`<span class="hint">${t('labAcknowledges')}</span>`}</td>
        </tr>`)}</tbody>
    </table></div>
    ${c.next ? html`<button type="button" id="recalls-more" @click=${() => load(c.next)}>${t('more')}</button>` : nothing}`;
}

async function load(cursor) {
  c.error = null;
  update();
  try {
    const page = await api.get('/api/v1/recalls?status=OPEN&limit=100&centre=' + encodeURIComponent(c.centre)
      + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    c.recalls = cursor ? [...c.recalls, ...page.recalls] : page.recalls;
    c.next = page.nextCursor;
  } catch (e) {
    c.recalls = null;
    c.error = errorText(e);
  }
  update();
}

function ask(event, recall) {
  const row = event.target.closest('tr');
  const outcome = row.querySelector('select.recall-outcome').value;
  const note = row.querySelector('input.recall-note').value.trim();
  c.actionError = null;
  c.confirm = {
    question: t('confirmAcknowledge', { donor: recall.donorId, date: formatDate(recall.donation.date), outcome: t('outcome_' + outcome) }),
    run: () => acknowledge(recall, outcome, note),
  };
  update();
}

async function acknowledge(recall, outcome, note) {
  await whileBusy([c, 'working'], [c, 'actionError'], async () => {
    const body = { outcome };
    if (note) body.note = note;
    await api.post('/api/v1/recalls/' + encodeURIComponent(recall.recallId) + '/acknowledge', body);
    acknowledged.add(recall.recallId);
  });
}
