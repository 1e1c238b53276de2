// The Lychee Rerank page: plain DOM code, no framework, nothing loaded from elsewhere.
(function () {
  'use strict';

  const I18N = window.LYCHEE_I18N;
  const $ = (id) => document.getElementById(id);
  // Images over this size are scaled down before sending, so a phone photo does not hit the body limit.
  const MAX_IMAGE_BYTES = 3 * 1024 * 1024;
  const MAX_IMAGE_SIDE = 2048;

  const state = {
    lang: 'en',
    mode: 'single',
    busy: false,
    instructions: null, // {default, presets}
    images: { query: null, document: null }, // slot -> {dataUrl, name}
    docImages: [], // per document segment: {dataUrl, name} | null
    lastResponse: null,
    lastErrors: []
  };

  // ---------- language ----------

  function pickInitialLanguage() {
    const asked = new URLSearchParams(location.search).get('lang');
    if (asked === 'zh' || asked === 'en') return asked;
    try {
      const saved = localStorage.getItem('lychee.lang');
      if (saved === 'zh' || saved === 'en') return saved;
    } catch (e) { /* storage may be blocked */ }
    const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    return String(langs[0] || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }

  function t(key, vars) {
    let s = (I18N[state.lang] && I18N[state.lang][key]) ?? I18N.en[key] ?? key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
    return s;
  }

  function setLanguage(lang) {
    state.lang = lang;
    try { localStorage.setItem('lychee.lang', lang); } catch (e) { /* ignore */ }
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    document.querySelectorAll('.lang-switch button').forEach((b) => b.classList.toggle('active', b.dataset.lang === lang));
    renderInstructionOptions();
    renderAllImageSlots();
    renderDocCards();
    rerenderLastResponse();
    showErrors(state.lastErrors);
  }

  // ---------- mode ----------

  function setMode(mode) {
    state.mode = mode;
    $('tab-single').setAttribute('aria-selected', String(mode === 'single'));
    $('tab-batch').setAttribute('aria-selected', String(mode === 'batch'));
    $('single-inputs').classList.toggle('hidden', mode !== 'single');
    $('batch-inputs').classList.toggle('hidden', mode !== 'batch');
    document.body.dataset.mode = mode;
    clearErrors();
    clearResults();
    if (mode === 'batch') renderDocCards();
  }

  // ---------- images ----------

  function readImage(file) {
    return new Promise((resolve, reject) => {
      if (!file.type || !file.type.startsWith('image/')) { reject(new Error(t('notAnImage'))); return; }
      const reader = new FileReader();
      reader.onerror = () => reject(new Error(t('imageReadFailed')));
      reader.onload = () => {
        const dataUrl = reader.result;
        if (file.size <= MAX_IMAGE_BYTES || file.type === 'image/gif' || file.type === 'image/svg+xml') {
          resolve({ dataUrl, name: file.name });
          return;
        }
        const img = new Image();
        img.onerror = () => resolve({ dataUrl, name: file.name }); // let the service judge it
        img.onload = () => {
          const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
          const canvas = document.createElement('canvas');
          canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
          canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
          canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
          resolve({ dataUrl: canvas.toDataURL('image/jpeg', 0.92), name: file.name });
        };
        img.src = dataUrl;
      };
      reader.readAsDataURL(file);
    });
  }

  // A chosen image as a small picture (in its slot and in the results table).
  function thumbnail(image) {
    const img = document.createElement('img');
    img.src = image.dataUrl;
    img.alt = image.name || '';
    img.className = 'thumb';
    return img;
  }

  // An image slot: a drop target that is also a file picker, showing a thumbnail once filled.
  function renderImageSlot(el, image, onFile, onRemove, compact) {
    el.innerHTML = '';
    el.classList.toggle('filled', !!image);
    el.classList.toggle('compact', !!compact);
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.className = 'file-input';
    input.tabIndex = -1;
    input.addEventListener('change', () => { if (input.files && input.files[0]) onFile(input.files[0]); input.value = ''; });
    el.appendChild(input);
    if (image) {
      el.appendChild(thumbnail(image));
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove-image';
      remove.title = t('removeImage');
      remove.setAttribute('aria-label', t('removeImage'));
      remove.textContent = '×';
      remove.addEventListener('click', (e) => { e.stopPropagation(); onRemove(); });
      el.appendChild(remove);
    } else {
      const hint = document.createElement('span');
      hint.className = 'slot-hint';
      hint.innerHTML = '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path fill="currentColor" d="M19 5v14H5V5h14m0-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2zm-4.86 8.86-3 3.87L9 13.14 6 17h12l-3.86-5.14z"/></svg>';
      const label = document.createElement('span');
      label.textContent = compact ? t('dropImageShort') : t('dropImage');
      hint.appendChild(label);
      el.appendChild(hint);
    }
    el.tabIndex = 0;
    el.setAttribute('role', 'button');
    el.onclick = (e) => { if (e.target === el || !e.target.closest('.remove-image')) input.click(); };
    el.onkeydown = (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } };
    el.ondragover = (e) => { e.preventDefault(); el.classList.add('dragover'); };
    el.ondragleave = () => el.classList.remove('dragover');
    el.ondrop = (e) => {
      e.preventDefault();
      el.classList.remove('dragover');
      const file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (file) onFile(file);
    };
  }

  function renderAllImageSlots() {
    ['query', 'document'].forEach((slot) => {
      renderImageSlot($(slot + '-image'), state.images[slot],
        (file) => setImageFromFile(file, (img) => { state.images[slot] = img; }, renderAllImageSlots, 'error-' + slot),
        () => { state.images[slot] = null; renderAllImageSlots(); });
    });
  }

  async function setImageFromFile(file, store, rerender, errorTarget) {
    try {
      const image = await readImage(file);
      store(image);
      if (errorTarget) setFieldError(errorTarget, '');
    } catch (err) {
      if (errorTarget) setFieldError(errorTarget, err.message);
    }
    rerender();
  }

  // ---------- documents (batch) ----------

  const SEPARATOR = /^[ \t]*---[ \t]*$/;

  function splitDocuments(text) {
    const segments = [];
    let current = [];
    text.split(/\r?\n/).forEach((line) => {
      if (SEPARATOR.test(line)) { segments.push(current.join('\n').trim()); current = []; } else current.push(line);
    });
    segments.push(current.join('\n').trim());
    return segments;
  }

  function summarize(text, max) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
  }

  function renderDocCards() {
    const list = $('doc-cards');
    if (!list) return;
    const segments = splitDocuments($('documents-text').value);
    state.docImages.length = Math.max(state.docImages.length, segments.length);
    list.innerHTML = '';
    segments.forEach((text, i) => {
      const li = document.createElement('li');
      li.className = 'doc-card';
      li.dataset.segment = String(i);
      const slot = document.createElement('div');
      slot.className = 'image-slot';
      slot.id = 'doc-image-' + i;
      const body = document.createElement('div');
      body.className = 'doc-card-body';
      const title = document.createElement('div');
      title.className = 'doc-card-title';
      const num = document.createElement('span');
      num.className = 'doc-num';
      num.textContent = '#' + (i + 1);
      const summary = document.createElement('span');
      summary.className = 'doc-summary';
      summary.textContent = text ? summarize(text, 90) : (state.docImages[i] ? t('docImageOnly') : t('docEmpty'));
      title.append(num, summary);
      const err = document.createElement('p');
      err.className = 'field-error';
      err.id = 'error-doc-' + i;
      err.setAttribute('role', 'alert');
      body.append(title, err);
      li.append(slot, body);
      list.appendChild(li);
      renderImageSlot(slot, state.docImages[i] || null,
        (file) => setImageFromFile(file, (img) => { state.docImages[i] = img; }, renderDocCards, 'error-doc-' + i),
        () => { state.docImages[i] = null; renderDocCards(); }, true);
    });
  }

  // Documents as sent: blank segments without an image are left out; requestToSegment maps answers back.
  function collectDocuments() {
    const segments = splitDocuments($('documents-text').value);
    const documents = [];
    const requestToSegment = [];
    segments.forEach((text, i) => {
      const image = state.docImages[i];
      if (!text && !image) return;
      documents.push(contentOf(text, image));
      requestToSegment.push(i);
    });
    return { documents, requestToSegment, segments };
  }

  function contentOf(text, image) {
    if (!image) return text;
    const content = { image_base64: image.dataUrl };
    if (text) content.text = text;
    return content;
  }

  // ---------- instructions ----------

  async function loadInstructions() {
    try {
      const res = await fetch('api/instructions', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      state.instructions = await res.json();
    } catch (e) {
      state.instructions = null;
      $('instruction-hint').dataset.i18n = 'instructionsUnavailable';
      $('instruction-hint').textContent = t('instructionsUnavailable');
    }
    renderInstructionOptions();
    onPresetChange();
  }

  function renderInstructionOptions() {
    const select = $('instruction-preset');
    const chosen = select.value || '__default';
    select.innerHTML = '';
    const add = (value, label) => {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = label;
      select.appendChild(o);
    };
    add('__default', t('instructionDefault'));
    const presets = (state.instructions && state.instructions.presets) || [];
    presets.forEach((p) => add(p.name, (state.lang === 'zh' ? p.title_zh : p.title_en) || p.name));
    add('__custom', t('instructionCustom'));
    select.value = [...select.options].some((o) => o.value === chosen) ? chosen : '__default';
  }

  function presetText(name) {
    if (name === '__default') return (state.instructions && state.instructions.default) || '';
    const p = ((state.instructions && state.instructions.presets) || []).find((x) => x.name === name);
    return p ? p.instruction : null;
  }

  function onPresetChange() {
    const name = $('instruction-preset').value;
    const text = presetText(name);
    if (text !== null) $('instruction-text').value = text;
    else $('instruction-text').focus();
  }

  function onInstructionEdited() {
    const select = $('instruction-preset');
    const text = presetText(select.value);
    if (text !== null && text !== $('instruction-text').value) select.value = '__custom';
  }

  // A preset is sent by name; custom text as text; the default as nothing, so the service picks it.
  function instructionForRequest() {
    const name = $('instruction-preset').value;
    const text = $('instruction-text').value;
    if (!text.trim()) return undefined;
    if (name !== '__custom' && presetText(name) === text) return name === '__default' ? undefined : name;
    return text;
  }

  // ---------- errors ----------

  function setFieldError(id, message) {
    const el = $(id);
    if (!el) return false;
    el.textContent = message || '';
    const field = el.closest('.field, .doc-card, .panel');
    if (field) field.classList.toggle('has-error', !!message);
    return true;
  }

  function clearErrors() {
    document.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
    document.querySelectorAll('.has-error').forEach((el) => el.classList.remove('has-error'));
    const banner = $('error-general');
    banner.textContent = '';
    banner.classList.add('hidden');
    state.lastErrors = [];
  }

  // Where a problem's field belongs on the page: "documents[2].image_url" -> the card of the third sent document.
  function errorTargetFor(field, requestToSegment) {
    if (!field) return null;
    const f = String(field);
    const doc = /^documents?(?:\[(\d+)\]|\.(\d+))/.exec(f);
    if (doc && (doc[1] !== undefined || doc[2] !== undefined)) {
      const idx = Number(doc[1] !== undefined ? doc[1] : doc[2]);
      const seg = requestToSegment && requestToSegment[idx] !== undefined ? requestToSegment[idx] : idx;
      return { id: 'error-doc-' + seg, also: 'error-documents', label: t('documentN', { n: seg + 1 }) };
    }
    if (f.startsWith('query')) return { id: 'error-query' };
    if (f.startsWith('documents')) return { id: 'error-documents' };
    if (f.startsWith('document')) return { id: 'error-document' };
    if (f.startsWith('instruction')) return { id: 'error-instruction' };
    if (f.startsWith('top_n')) return { id: 'error-top_n' };
    return null;
  }

  function showErrors(errors) {
    // errors: [{field, message, requestToSegment}] as collected from the last problem
    document.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
    document.querySelectorAll('.has-error').forEach((el) => el.classList.remove('has-error'));
    const general = [];
    const byTarget = new Map();
    (errors || []).forEach((e) => {
      const target = errorTargetFor(e.field, e.requestToSegment);
      const message = typeof e.message === 'function' ? e.message() : e.message;
      if (!target || !$(target.id)) { general.push(message); return; }
      (byTarget.get(target.id) || byTarget.set(target.id, []).get(target.id)).push(message);
      if (target.also) {
        (byTarget.get(target.also) || byTarget.set(target.also, []).get(target.also)).push(target.label + ': ' + message);
      }
    });
    byTarget.forEach((messages, id) => setFieldError(id, [...new Set(messages)].join(' ')));
    const banner = $('error-general');
    banner.textContent = general.join(' ');
    banner.classList.toggle('hidden', general.length === 0);
    const first = document.querySelector('.has-error textarea, .has-error select, .has-error input:not(.file-input)');
    if (first && errors && errors.length && !state.busy) first.scrollIntoView({ block: 'nearest' });
  }

  function errorsFromProblem(status, problem, requestToSegment) {
    if (status === 401) return [{ message: () => t('unauthorized') }];
    if (!problem || typeof problem !== 'object') return [{ message: () => t('serverError', { status }) }];
    const list = [];
    if (Array.isArray(problem.errors)) {
      problem.errors.forEach((e) => list.push({ field: e.field, message: e.message || problem.detail || problem.title, requestToSegment }));
    }
    if (problem.field && !list.some((e) => e.field === problem.field)) {
      list.push({ field: problem.field, message: problem.detail || problem.title, requestToSegment });
    }
    if (list.length === 0) list.push({ message: [problem.title, problem.detail].filter(Boolean).join(': ') || t('serverError', { status }) });
    return list;
  }

  // ---------- requests ----------

  class ApiFailure extends Error {
    constructor(status, problem) { super('HTTP ' + status); this.status = status; this.problem = problem; }
  }

  async function postJson(path, body) {
    let res;
    try {
      res = await fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
        body: JSON.stringify(body)
      });
    } catch (e) {
      throw new ApiFailure(0, null);
    }
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!res.ok) throw new ApiFailure(res.status, data);
    return data;
  }

  function setBusy(busy, label) {
    state.busy = busy;
    ['score-button', 'rerank-button'].forEach((id) => {
      const b = $(id);
      b.disabled = busy;
      b.classList.toggle('busy', busy);
      b.setAttribute('aria-busy', String(busy));
    });
    $('progress').classList.toggle('hidden', !busy);
    $('results').classList.toggle('loading', busy);
    if (busy) {
      const started = performance.now();
      const tick = () => { $('progress-text').textContent = label + ' ' + ((performance.now() - started) / 1000).toFixed(1) + ' s'; };
      tick();
      state.timer = setInterval(tick, 100);
    } else {
      clearInterval(state.timer);
    }
  }

  async function submit(kind) {
    if (state.busy) return; // one request at a time: a second press does nothing
    clearErrors();
    const query = contentOf($('query-text').value.trim(), state.images.query);
    const instruction = instructionForRequest();
    let path; let body; let requestToSegment = null; let segments = null;
    if (kind === 'single') {
      path = 'api/score';
      body = { query, document: contentOf($('document-text').value.trim(), state.images.document) };
    } else {
      const collected = collectDocuments();
      requestToSegment = collected.requestToSegment;
      segments = collected.segments;
      path = 'api/rerank';
      body = { query, documents: collected.documents };
      const topN = $('top-n').value.trim();
      if (topN !== '') body.top_n = Number(topN);
    }
    if (instruction !== undefined) body.instruction = instruction;
    setBusy(true, kind === 'single' ? t('scoring') : t('scoringN', { n: body.documents.length }));
    try {
      const data = await postJson(path, body);
      state.lastResponse = { kind, data, requestToSegment, segments, images: kind === 'single' ? null : state.docImages.slice() };
      rerenderLastResponse();
    } catch (e) {
      clearResults();
      state.lastErrors = e instanceof ApiFailure
        ? (e.status === 0 ? [{ message: () => t('networkError') }] : errorsFromProblem(e.status, e.problem, requestToSegment))
        : [{ message: String(e.message || e) }];
      showErrors(state.lastErrors);
    } finally {
      setBusy(false);
    }
  }

  // ---------- results ----------

  function clearResults() {
    state.lastResponse = null;
    $('single-result').classList.add('hidden');
    $('batch-result').classList.add('hidden');
    $('results-empty').classList.remove('hidden');
    $('results-meta').textContent = '';
    $('copy-json').classList.add('hidden');
    $('results-table').querySelector('tbody').innerHTML = '';
  }

  function bandOf(result) {
    if (result.band === 'high' || result.band === 'medium' || result.band === 'low') return result.band;
    return result.score > 0.7 ? 'high' : result.score >= 0.4 ? 'medium' : 'low';
  }

  function chip(band) {
    const s = document.createElement('span');
    s.className = 'chip band-' + band;
    s.textContent = t('band.' + band);
    return s;
  }

  // A known name in the page's language; an unknown one made readable ("termCoverage" -> "term coverage").
  function labelOf(prefix, name) {
    const key = prefix + name;
    const known = (I18N[state.lang] && I18N[state.lang][key]) ?? I18N.en[key];
    return known ?? String(name).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  }

  function formatScore(x) { return typeof x === 'number' && isFinite(x) ? x.toFixed(4) : String(x); }

  function scoreBar(score, band) {
    const bar = document.createElement('div');
    bar.className = 'score-bar';
    const fill = document.createElement('div');
    fill.className = 'fill band-' + band;
    fill.style.width = Math.max(0, Math.min(1, Number(score) || 0)) * 100 + '%';
    bar.appendChild(fill);
    return bar;
  }

  // Sub-scores arrive as {name: number} (or a list of {name, score}); shown as small bars.
  function subScoresNode(sub) {
    const wrap = document.createElement('div');
    wrap.className = 'sub-scores';
    const entries = Array.isArray(sub)
      ? sub.map((x, i) => [x.name || x.kind || String(i), x.score ?? x.value ?? x])
      : Object.entries(sub || {});
    if (entries.length === 0) { wrap.textContent = t('none'); return wrap; }
    entries.forEach(([name, value]) => {
      const row = document.createElement('div');
      row.className = 'sub-score';
      const label = document.createElement('span');
      label.className = 'sub-name';
      label.textContent = labelOf('sub.', name);
      label.title = name;
      const v = document.createElement('span');
      v.className = 'sub-value';
      if (typeof value === 'number') {
        v.textContent = value.toFixed(3);
        row.append(label, scoreBar(value, bandOf({ score: value })), v);
      } else {
        v.textContent = typeof value === 'string' ? value : JSON.stringify(value);
        row.append(label, v);
      }
      wrap.appendChild(row);
    });
    return wrap;
  }

  function flagsNode(flags) {
    const wrap = document.createElement('div');
    wrap.className = 'flags';
    const list = Array.isArray(flags) ? flags
      : flags && typeof flags === 'object' ? Object.entries(flags).filter(([, v]) => v).map(([k, v]) => (v === true ? k : k + ': ' + v))
        : flags ? [String(flags)] : [];
    if (list.length === 0) { wrap.textContent = t('none'); return wrap; }
    list.forEach((f) => {
      const s = document.createElement('span');
      s.className = 'flag';
      s.textContent = typeof f === 'string' ? labelOf('flag.', f) : JSON.stringify(f);
      s.title = typeof f === 'string' ? f : '';
      wrap.appendChild(s);
    });
    return wrap;
  }

  function rerenderLastResponse() {
    const last = state.lastResponse;
    if (!last) return;
    if (last.kind === 'single') renderSingle(last.data); else renderBatch(last);
    $('copy-json').classList.remove('hidden');
  }

  function renderSingle(data) {
    const band = bandOf(data);
    const box = $('single-result');
    box.innerHTML = '';
    box.className = 'single-card band-' + band;
    box.dataset.band = band;
    const left = document.createElement('div');
    left.className = 'single-score';
    const num = document.createElement('div');
    num.className = 'big-score';
    num.id = 'single-score';
    num.textContent = formatScore(data.score);
    const bandLine = document.createElement('div');
    bandLine.className = 'band-line';
    const action = document.createElement('span');
    action.className = 'action';
    action.textContent = t('action.' + band);
    bandLine.append(chip(band), action);
    const meter = document.createElement('div');
    meter.className = 'meter';
    meter.innerHTML = '<span class="tick" style="left:40%"></span><span class="tick" style="left:70%"></span>';
    const marker = document.createElement('span');
    marker.className = 'marker';
    marker.style.left = Math.max(0, Math.min(1, Number(data.score) || 0)) * 100 + '%';
    meter.appendChild(marker);
    left.append(num, bandLine, meter);
    const right = document.createElement('div');
    right.className = 'single-details';
    const h1 = document.createElement('h3');
    h1.textContent = t('subScores');
    const h2 = document.createElement('h3');
    h2.textContent = t('flags');
    right.append(h1, subScoresNode(data.sub_scores), h2, flagsNode(data.flags));
    if (data.consistency !== undefined && data.consistency !== null) {
      const h3 = document.createElement('h3');
      h3.textContent = t('consistency');
      const c = document.createElement('div');
      c.className = 'consistency';
      c.textContent = typeof data.consistency === 'number' ? data.consistency.toFixed(3)
        : typeof data.consistency === 'string' ? labelOf('consistency.', data.consistency) : JSON.stringify(data.consistency);
      right.append(h3, c);
    }
    box.append(left, right);
    box.classList.remove('hidden');
    $('batch-result').classList.add('hidden');
    $('results-empty').classList.add('hidden');
    $('results-meta').textContent = t('metaSingle', { model: data.model || '?', ms: data.took_ms ?? '?' });
  }

  function renderBatch(last) {
    const data = last.data;
    const results = (data.results || []).slice().sort((a, b) => b.score - a.score);
    const tbody = $('results-table').querySelector('tbody');
    tbody.innerHTML = '';
    const counts = { high: 0, medium: 0, low: 0 };
    results.forEach((r, rank) => {
      const band = bandOf(r);
      counts[band]++;
      const seg = last.requestToSegment && last.requestToSegment[r.index] !== undefined ? last.requestToSegment[r.index] : r.index;
      const text = typeof r.document === 'string' ? r.document
        : r.document && r.document.text ? r.document.text : (last.segments && last.segments[seg]) || '';
      const image = last.images && last.images[seg];
      const tr = document.createElement('tr');
      tr.className = 'row band-' + band;
      tr.dataset.band = band;
      tr.dataset.index = String(r.index);
      tr.dataset.score = String(r.score);
      const rankTd = document.createElement('td');
      rankTd.className = 'rank';
      rankTd.textContent = String(rank + 1);
      const scoreTd = document.createElement('td');
      scoreTd.className = 'score';
      const scoreNum = document.createElement('span');
      scoreNum.className = 'score-num';
      scoreNum.textContent = formatScore(r.score);
      scoreTd.append(scoreNum, scoreBar(r.score, band));
      const bandTd = document.createElement('td');
      bandTd.className = 'band-cell band-' + band;
      bandTd.append(chip(band));
      const sumTd = document.createElement('td');
      sumTd.className = 'summary';
      const docNum = document.createElement('span');
      docNum.className = 'doc-num';
      docNum.textContent = '#' + (seg + 1);
      const sumText = document.createElement('span');
      sumText.textContent = text ? summarize(text, 140) : (image ? t('docImageOnly') : t('docEmpty'));
      sumTd.title = text;
      sumTd.append(docNum, sumText);
      const imgTd = document.createElement('td');
      imgTd.className = 'image';
      if (image) imgTd.appendChild(thumbnail(image));
      else imgTd.textContent = t('none');
      const flagsTd = document.createElement('td');
      flagsTd.className = 'flags-cell';
      flagsTd.appendChild(flagsNode(r.flags));
      if (typeof r.consistency === 'string') {
        const c = document.createElement('span');
        c.className = 'flag consistency-' + r.consistency;
        c.textContent = labelOf('consistency.', r.consistency);
        const wrap = flagsTd.firstChild;
        if (!wrap.querySelector('.flag')) wrap.textContent = '';
        wrap.appendChild(c);
      }
      const subTd = document.createElement('td');
      subTd.className = 'sub-scores-cell';
      subTd.appendChild(subScoresNode(r.sub_scores));
      tr.append(rankTd, scoreTd, bandTd, sumTd, imgTd, flagsTd, subTd);
      tbody.appendChild(tr);
    });
    $('batch-result').classList.remove('hidden');
    $('single-result').classList.add('hidden');
    $('results-empty').classList.add('hidden');
    $('results-meta').textContent = t('metaBatch', { n: results.length, model: data.model || '?', ms: data.took_ms ?? '?' })
      + ' · ' + t('bandCounts', counts);
  }

  // ---------- wiring ----------

  function loadExample() {
    $('query-text').value = t('exampleQuery');
    $('document-text').value = t('exampleDocument');
    $('documents-text').value = t('exampleDocuments');
    renderDocCards();
  }

  function init() {
    document.querySelectorAll('.lang-switch button').forEach((b) => b.addEventListener('click', () => setLanguage(b.dataset.lang)));
    document.querySelectorAll('[role=tab]').forEach((b) => b.addEventListener('click', () => setMode(b.dataset.mode)));
    $('score-button').addEventListener('click', () => submit('single'));
    $('rerank-button').addEventListener('click', () => submit('batch'));
    $('add-document').addEventListener('click', () => {
      const ta = $('documents-text');
      ta.value = ta.value.replace(/\s*$/, '') + (ta.value.trim() ? '\n---\n' : '');
      renderDocCards();
      ta.focus();
      ta.setSelectionRange(ta.value.length, ta.value.length);
    });
    $('documents-text').addEventListener('input', renderDocCards);
    $('instruction-preset').addEventListener('change', onPresetChange);
    $('instruction-text').addEventListener('input', onInstructionEdited);
    $('load-example').addEventListener('click', loadExample);
    $('copy-json').addEventListener('click', async () => {
      if (!state.lastResponse) return;
      const json = JSON.stringify(state.lastResponse.data, null, 2);
      try { await navigator.clipboard.writeText(json); } catch (e) { /* clipboard may be blocked */ }
      $('copy-json').textContent = t('copied');
      setTimeout(() => { $('copy-json').textContent = t('copyJson'); }, 1200);
    });
    // A pasted image lands in the slot of the field being edited.
    document.addEventListener('paste', (e) => {
      const file = [...((e.clipboardData && e.clipboardData.files) || [])].find((f) => f.type.startsWith('image/'));
      if (!file) return;
      const id = document.activeElement && document.activeElement.id;
      if (id === 'query-text' || id === 'document-text') {
        e.preventDefault();
        const slot = id === 'query-text' ? 'query' : 'document';
        setImageFromFile(file, (img) => { state.images[slot] = img; }, renderAllImageSlots, 'error-' + slot);
      }
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(state.mode); }
    });
    const asked = new URLSearchParams(location.search).get('mode');
    setLanguage(pickInitialLanguage());
    setMode(asked === 'batch' ? 'batch' : 'single');
    loadInstructions();
    document.body.classList.add('ready');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
