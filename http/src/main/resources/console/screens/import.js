// The import screen (registry-admin): upload an NDJSON file (one donor per line) with a progress
// bar, then the job's report (GET /api/v1/import/{jobId}, read until done) with its rejections.
import { html, nothing } from '../lit.js';
import { ApiError } from '../api.js';
import { formatInstant, formatNumber, t } from '../i18n.js';
import { api, errorBox, errorText, session, update } from '../common.js';

const POLL_MS = 500;
const m = { error: null, sent: 0, total: 0, phase: null, report: null };

export const importScreen = { id: 'import', label: 'navImport', roles: ['registry-admin'], view };

function view() {
  const uploading = m.phase === 'uploading' || m.phase === 'importing';
  return html`
    <section>
      <h2>${t('importTitle')}</h2>
      <p class="hint">${t('importHint')}</p>
      <form id="import-form" autocomplete="off" @submit=${upload}>
        <label>${t('importFile')} <input id="import-file" type="file" accept=".ndjson,.jsonl,application/x-ndjson" required></label>
        <button id="import-submit" type="submit" ?disabled=${uploading}>${t('upload')}</button>
      </form>
      ${m.phase ? html`
        <div id="import-progress-box">
          <label for="import-progress">${t(m.phase === 'uploading' ? 'uploading' : m.phase === 'importing' ? 'importing' : 'importDone')}</label>
          ${m.phase === 'uploading' ? html`<progress id="import-progress" class="progress" max=${m.total || 1} .value=${m.sent}></progress>`
            : m.phase === 'importing' ? html`<progress id="import-progress" class="progress"></progress>`
            : html`<progress id="import-progress" class="progress" max="1" value="1"></progress>`}
          ${m.phase === 'uploading' ? html`<span class="hint">${formatNumber(m.sent)} / ${formatNumber(m.total)} B</span>` : nothing}
        </div>` : nothing}
      ${errorBox(m.error, 'import-error')}
      ${m.report ? report(m.report) : nothing}
    </section>`;
}

function report(r) {
  return html`
    <div id="import-report" data-done=${String(r.done)}>
      <h3>${t('importReport')} <code>${r.jobId}</code></h3>
      <dl>
        <dt>${t('startedAt')}</dt><dd>${formatInstant(r.startedAt)}</dd>
        ${r.finishedAt ? html`<dt>${t('finishedAt')}</dt><dd>${formatInstant(r.finishedAt)}</dd>` : nothing}
        <dt>${t('linesRead')}</dt><dd id="import-lines">${formatNumber(r.linesRead)}</dd>
        <dt>${t('accepted')}</dt><dd id="import-accepted">${formatNumber(r.accepted)}</dd>
        <dt>${t('createdDonors')}</dt><dd>${formatNumber(r.created)}</dd>
        <dt>${t('addedHistory')}</dt><dd>${formatNumber(r.added)}</dd>
        <dt>${t('skipped')}</dt><dd>${formatNumber(r.skipped)}</dd>
        <dt>${t('ruleViolations')}</dt><dd>${formatNumber(r.ruleViolations)}</dd>
        <dt>${t('rejected')}</dt><dd id="import-rejected">${formatNumber(r.rejected)}</dd>
      </dl>
      ${r.failure ? errorBox(t('importFailed') + ': ' + r.failure) : nothing}
      ${r.rejections && r.rejections.length ? html`
        <h4>${t('rejections')}</h4>
        <table id="import-rejections">
          <thead><tr><th>${t('line')}</th><th>${t('errorCode')}</th><th>${t('field')}</th><th>${t('message')}</th></tr></thead>
          <tbody>${r.rejections.map(x => html`<tr data-line=${x.line}><td>${x.line}</td><td><code>${x.error}</code></td>
            <td><code>${x.field || ''}</code></td><td>${x.message}</td></tr>`)}</tbody>
        </table>` : nothing}
    </div>`;
}

/**
 * fetch() reports no upload progress, so the file goes with XMLHttpRequest; the token goes in
 * its header, like every other call.
 */
function post(file) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/import');
    xhr.setRequestHeader('Authorization', 'Bearer ' + session.tokens.accessToken);
    xhr.setRequestHeader('Content-Type', 'application/x-ndjson');
    xhr.upload.onprogress = e => {
      m.sent = e.loaded;
      if (e.lengthComputable) m.total = e.total;
      update();
    };
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (e) {
        body = null;
      }
      if (xhr.status === 202) resolve(body);
      else reject(new ApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.send(file);
  });
}

async function upload(event) {
  event.preventDefault();
  const input = document.getElementById('import-file');
  const file = input.files[0];
  if (!file) return;
  Object.assign(m, { error: null, sent: 0, total: file.size, phase: 'uploading', report: null });
  update();
  try {
    const { jobId } = await post(file);
    m.phase = 'importing';
    update();
    // The 202 comes once the body is read; the last lines may still be in flight: read the report until done.
    for (;;) {
      m.report = await api.get('/api/v1/import/' + encodeURIComponent(jobId));
      update();
      if (m.report.done) break;
      await new Promise(resolve => setTimeout(resolve, POLL_MS));
    }
    m.phase = 'done';
  } catch (e) {
    m.phase = null;
    m.error = errorText(e);
  }
  input.value = '';
  update();
}
