// The statistics screen (recruiter, coordinator): `/api/v1/stats` per centre and panel, growth
// between two dates, as a chart with its numbers beside it; each centre's open recalls and
// transfusion outcomes as the stats carry them.
import { html, nothing } from '../lit.js';
import { formatDate, formatNumber, t } from '../i18n.js';
import { api, errorBox, isoDate, session, update, whileBusy } from '../common.js';
import { loadChart } from '../charts.js';

const PANELS = ['donors', 'plateletPanel', 'rarePanel', 'permanentDeferrals'];
const s = { error: null, stats: null, scope: null, from: null, to: null, loading: false, chart: null };

export const statsScreen = { id: 'stats', label: 'navStats', roles: ['recruiter', 'coordinator'], view, enter };

function enter() {
  defaults();
  if (!s.stats && !s.loading) fetchStats();
}

function defaults() {
  if (!s.to) {
    const to = new Date();
    const from = new Date(to);
    from.setFullYear(to.getFullYear() - 1);
    s.to = isoDate(to);
    s.from = isoDate(from);
  }
  if (!s.scope) s.scope = session.user.centres[0] || 'total';
}

function view() {
  defaults();
  queueMicrotask(draw); // the canvas exists once this template is rendered
  return html`
    <section>
      <h2>${t('statsTitle')}</h2>
      <form id="stats-form" autocomplete="off" @submit=${load}>
        <label>${t('from')} <input id="s-from" type="date" .value=${s.from} required></label>
        <label>${t('until')} <input id="s-to" type="date" .value=${s.to} required></label>
        <button id="stats-submit" type="submit" ?disabled=${s.loading}>${t('show')}</button>
      </form>
      ${errorBox(s.error, 'stats-error')}
      ${s.stats ? figures() : nothing}
    </section>`;
}

function scopeFigures() {
  if (s.scope === 'total') return s.stats.total;
  return s.stats.centres.find(c => c.centre === s.scope) || s.stats.total;
}

function growth(g) {
  return g.growthPercent === null || g.growthPercent === undefined ? '—' : (g.growthPercent > 0 ? '+' : '') + formatNumber(g.growthPercent) + ' %';
}

function figures() {
  const f = scopeFigures();
  const centres = s.stats.centres;
  return html`
    <div class="toolbar">
      <label>${t('centre')} <select id="stats-scope" @change=${e => { s.scope = e.target.value; update(); }}>
        ${centres.map(c => html`<option value=${c.centre} ?selected=${c.centre === s.scope}>${c.centre}</option>`)}
        <option value="total" ?selected=${s.scope === 'total'}>${t('federationTotal')}</option></select></label>
      <span class="hint" id="stats-range">${formatDate(s.stats.from)} – ${formatDate(s.stats.to)}</span>
    </div>
    <div class="chart-and-numbers">
      <div class="chart"><canvas id="stats-chart" role="img" aria-label=${t('statsChart')}></canvas></div>
      <table id="stats-figures" data-scope=${s.scope}>
        <caption>${s.scope === 'total' ? t('federationTotal') : s.scope}</caption>
        <thead><tr><th>${t('panelColumn')}</th><th>${formatDate(s.stats.from)}</th><th>${formatDate(s.stats.to)}</th><th>${t('growth')}</th></tr></thead>
        <tbody>${PANELS.map(p => html`<tr data-panel=${p}><th scope="row">${t('stat_' + p)}</th>
          <td class="from" data-value=${f[p].from}>${formatNumber(f[p].from)}</td>
          <td class="to" data-value=${f[p].to}>${formatNumber(f[p].to)}</td>
          <td class="growth" data-value=${f[p].growthPercent === null ? '' : f[p].growthPercent}>${growth(f[p])}</td></tr>`)}</tbody>
      </table>
    </div>
    <h3>${t('perCentre')}</h3>
    <div class="scroll-x"><table id="stats-centres">
      <thead><tr><th>${t('centre')}</th>${PANELS.map(p => html`<th>${t('stat_' + p)}</th>`)}
        <th>${t('openRecalls')}</th><th>${t('acknowledgedRecalls')}</th><th>${t('medianAck')}</th>
        <th>${t('outcomesRecorded')}</th><th>${t('refractoryPatients')}</th><th>${t('medianCci')}</th></tr></thead>
      <tbody>${centres.map(c => html`<tr data-centre=${c.centre}><th scope="row">${c.centre}</th>
        ${PANELS.map(p => html`<td>${formatNumber(c[p].to)} <span class="hint">(${growth(c[p])})</span></td>`)}
        <td class="open-recalls">${formatNumber(c.recalls ? c.recalls.open : 0)}</td>
        <td>${formatNumber(c.recalls ? c.recalls.acknowledged : 0)}</td>
        <td>${c.recalls && c.recalls.medianSecondsToAcknowledge !== null && c.recalls.medianSecondsToAcknowledge !== undefined
          ? duration(c.recalls.medianSecondsToAcknowledge) : '—'}</td>
        <td>${formatNumber(c.outcomesRecorded)}</td><td>${formatNumber(c.refractoryPatients)}</td>
        <td>${cci(c.medianOneHourCciByGrade)}</td></tr>`)}</tbody>
    </table></div>`;
}

function cci(byGrade) {
  const grades = Object.keys(byGrade || {});
  return grades.length ? grades.map(g => g + ': ' + formatNumber(byGrade[g])).join(', ') : '—';
}

function duration(seconds) {
  if (seconds < 3600) return formatNumber(Math.round(seconds / 60)) + ' ' + t('minutes');
  return formatNumber(Math.round(seconds / 360) / 10) + ' ' + t('hours');
}

function load(event) {
  event.preventDefault();
  s.from = document.getElementById('s-from').value;
  s.to = document.getElementById('s-to').value;
  fetchStats();
}

async function fetchStats() {
  s.error = null;
  await whileBusy([s, 'loading'], [s, 'error'], async () => {
    s.stats = await api.get('/api/v1/stats?from=' + encodeURIComponent(s.from) + '&to=' + encodeURIComponent(s.to));
  });
}

/** Draws (or redraws) the chart from the same figures as the table beside it. */
async function draw() {
  const canvas = document.getElementById('stats-chart');
  if (!canvas || !s.stats) {
    if (s.chart && !canvas) {
      s.chart.destroy();
      s.chart = null;
    }
    return;
  }
  const Chart = await loadChart();
  const f = scopeFigures();
  const data = {
    labels: PANELS.map(p => t('stat_' + p)),
    datasets: [
      { label: formatDate(s.stats.from), data: PANELS.map(p => f[p].from), backgroundColor: '#c9c9c9' },
      { label: formatDate(s.stats.to), data: PANELS.map(p => f[p].to), backgroundColor: '#b3122e' },
    ],
  };
  if (s.chart && s.chart.canvas === canvas) {
    s.chart.data = data;
    s.chart.update('none');
    return;
  }
  if (s.chart) s.chart.destroy();
  s.chart = new Chart(canvas, {
    type: 'bar', data,
    options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}
