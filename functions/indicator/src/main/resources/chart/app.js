// The chart page: candles, volume and studies from the chartfeed API, drawn with TradingView's
// lightweight-charts 5. Plain modules, no build step. The URL holds the view
// (?symbol=AAPL&interval=1h&study=sma:period=20&study=rsi): each change is a history entry, so a
// view can be shared and Back/Forward step through views. How each study looks comes from the
// catalogue's drawing hints (plots.js); this file loads data and keeps the chart in step with it.
import { MarkerLayer, StudyDrawing, needsPane } from './plots.js';
import { createPicker } from './picker.js';

const LWC = window.LightweightCharts;
const theme = window.chartfeedTheme;
const INTERVALS = { '1m': 60, '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '4h': 14400, '1d': 86400, '1w': 604800 };
const DEFAULT_INTERVAL = '1d';
const PAGE = 500;          // candles per request, initially and per scroll-back step
const STUDY_LIMIT = 5000;  // the API's maximum: a study's window is bounded by from/to instead
const SOURCES = ['open', 'high', 'low', 'close', 'hl2', 'hlc3', 'ohlc4'];
const MATYPES = ['sma', 'ema', 'wma', 'dema', 'tema', 'trima', 'kama', 'mama', 't3'];
const DEFAULT_STUDIES = ['sma:period=50', 'bbands:period=20', 'rsi'];
const startQuery = new URLSearchParams(location.search);
// Another origin's API (it must allow this page's origin: CORS_ALLOWED_ORIGINS); same origin by default.
const API = (startQuery.get('api') || '').replace(/\/$/, '');
const $ = (id) => document.getElementById(id);

// Today's first indicators, used when the server has no catalogue (GET /v1/indicators answers 404).
const BUILT_IN = (() => {
  const source = { name: 'source', type: 'source', default: 'close' };
  const int = (name, def, min) => ({ name, type: 'integer', default: def, min, max: 10000 });
  const ma = (name, title) => ({ name, title, group: 'Overlap Studies', params: [int('period', 30, 2), source], series: ['value'], placement: 'overlay', kind: 'line' });
  const osc = (name, title, params, series = ['value']) => ({ name, title, group: 'Momentum Indicators', params, series, placement: 'pane', kind: 'line' });
  return [
    ma('sma', 'Simple Moving Average'), ma('ema', 'Exponential Moving Average'), ma('wma', 'Weighted Moving Average'),
    ma('dema', 'Double Exponential Moving Average'), ma('tema', 'Triple Exponential Moving Average'),
    ma('trima', 'Triangular Moving Average'), ma('kama', 'Kaufman Adaptive Moving Average'),
    { name: 'bbands', title: 'Bollinger Bands', group: 'Overlap Studies', params: [int('period', 5, 2), { name: 'stddev', type: 'real', default: 2, min: 0.01, max: 100 }, source], series: ['upper', 'middle', 'lower'], placement: 'overlay', kind: 'line' },
    { name: 'vwap', title: 'Volume Weighted Average Price (UTC day)', group: 'Overlap Studies', params: [], series: ['value'], placement: 'overlay', kind: 'line' },
    osc('rsi', 'Relative Strength Index', [int('period', 14, 2), source]),
    { ...osc('macd', 'Moving Average Convergence/Divergence', [int('fast', 12, 2), int('slow', 26, 2), int('signal', 9, 2), source], ['macd', 'signal', 'hist']),
      plots: [{ series: 'macd', style: 'line' }, { series: 'signal', style: 'line' }, { series: 'hist', style: 'histogram' }] },
    osc('stoch', 'Stochastic', [int('fastk', 5, 1), int('slowk', 3, 1), int('slowd', 3, 1)], ['k', 'd']),
    osc('adx', 'Average Directional Movement Index', [int('period', 14, 2)]),
    osc('cci', 'Commodity Channel Index', [int('period', 14, 2)]),
    osc('willr', "Williams' %R", [int('period', 14, 2)]),
    osc('mfi', 'Money Flow Index', [int('period', 14, 2)]),
    osc('roc', 'Rate of change', [int('period', 10, 1), source]),
    osc('mom', 'Momentum', [int('period', 10, 1), source]),
    { ...osc('atr', 'Average True Range', [int('period', 14, 1)]), group: 'Volatility Indicators' },
    { ...osc('natr', 'Normalized Average True Range', [int('period', 14, 1)]), group: 'Volatility Indicators' },
    { ...osc('obv', 'On Balance Volume', [source]), group: 'Volume Indicators' },
  ];
})();

const catalogue = new Map();   // name -> catalogue entry
// The view: symbol, interval, studies ({ id, name, params, color }: color is a palette index the
// study keeps while it is on the chart), and the poll override.
const state = { symbol: '', interval: DEFAULT_INTERVAL, studies: [], poll: Number(startQuery.get('poll')) || 0 };
let notice = '';   // what the URL asked for that could not be shown (an unknown interval)
let view = null;   // what is loaded for the current symbol and interval; replaced on either's change
let nextId = 1;
const openEditors = new Set();   // ids of the studies whose parameters are open for editing
const pollStats = { requests: 0, notModified: 0 };
let loading = 0;   // study requests in flight

/** One API call; a problem+json answer becomes an Error with a readable message. */
async function api(path, init = {}) {
  let response;
  try {
    response = await fetch(API + path, { cache: 'no-store', ...init });
  } catch (e) {
    throw new Error(`The API could not be reached (${e.message}).`);
  }
  if (response.status === 304) {
    return { notModified: true, etag: response.headers.get('ETag') };
  }
  if (!response.ok) {
    throw await problem(response);
  }
  return { body: await response.json(), etag: response.headers.get('ETag') };
}

async function problem(response) {
  let text = `${response.status} ${response.statusText}`;
  try {
    const p = await response.json();
    text = p.detail || p.title || text;
    if (Array.isArray(p.errors) && p.errors.length > 1) {
      text += ': ' + p.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    }
  } catch (ignored) {
    // not JSON: the status line says it
  }
  const error = new Error(text);
  error.status = response.status;
  return error;
}

function showMessage(text) {
  const all = [notice, text].filter(Boolean).join('\n');
  $('message').textContent = all;
  $('message').hidden = !all;
}

// ---- state <-> URL ---------------------------------------------------------------------------

function parseStudy(text) {
  const [name, rest] = text.split(':', 2);
  const params = {};
  (rest || '').split(',').filter(Boolean).forEach((pair) => {
    const [k, v] = pair.split('=', 2);
    params[k] = v === undefined ? '' : v;
  });
  return { name: name.toLowerCase(), params };
}

function studyText(study) {
  const params = Object.entries(study.params).map(([k, v]) => `${k}=${v}`).join(',');
  return params ? `${study.name}:${params}` : study.name;
}

/** The view a URL asks for; an interval the API does not have is named in `notice`. */
function readUrl(search) {
  const q = new URLSearchParams(search);
  const asked = q.get('interval');
  const known = asked && INTERVALS[asked];
  return {
    symbol: (q.get('symbol') || '').trim().toUpperCase(),
    interval: known ? asked : '',
    notice: asked && !known
      ? `Unknown interval "${asked}": showing ${DEFAULT_INTERVAL} instead (intervals: ${Object.keys(INTERVALS).join(' ')}).` : '',
    studies: q.has('study') || q.has('symbol') ? q.getAll('study').filter(Boolean).map(parseStudy) : DEFAULT_STUDIES.map(parseStudy),
  };
}

function urlOf() {
  const q = new URLSearchParams();
  q.set('symbol', state.symbol);
  q.set('interval', state.interval);
  state.studies.forEach((s) => q.append('study', studyText(s)));
  if (state.poll) q.set('poll', state.poll);
  if (API) q.set('api', API);
  return '?' + q.toString().replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%3D/g, '=');
}

/** Records the view: a new history entry for a user's change, so Back returns to the one before. */
function writeUrl(push) {
  const url = urlOf();
  if (url === location.search) return;
  if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
}

function label(study) {
  const entry = catalogue.get(study.name);
  const values = (entry ? entry.params : []).filter((p) => p.type !== 'source')
    .map((p) => study.params[p.name] ?? p.default);
  return study.name.toUpperCase() + (values.length ? `(${values.join(', ')})` : '');
}

/** A new study with the first palette colour no study on the chart has. */
function newStudy(spec, others) {
  const used = new Set(others.map((s) => s.color));
  const size = theme.colors().palette.length;
  let color = 0;
  while (used.has(color) && color < size) color++;
  return { id: nextId++, name: spec.name, params: { ...spec.params }, color: color < size ? color : others.length % size };
}

// ---- controls --------------------------------------------------------------------------------

function fillControls() {
  $('symbol').value = state.symbol;
  const interval = $('interval');
  if (!interval.options.length) interval.replaceChildren(...Object.keys(INTERVALS).map((code) => new Option(code, code)));
  interval.value = state.interval;
  renderStudies();
}

/**
 * The studies on the chart, one chip each: its colour, its label (a button that opens its
 * parameters), a remove button, and its error when it failed.
 */
function renderStudies() {
  $('studies').replaceChildren(...state.studies.map((study) => {
    const entry = catalogue.get(study.name);
    const params = entry ? entry.params : [];
    const li = document.createElement('li');
    li.dataset.study = study.name;
    li.dataset.id = study.id;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = theme.colors().palette[study.color % theme.colors().palette.length];
    const name = document.createElement(params.length ? 'button' : 'strong');
    name.className = 'name';
    name.textContent = label(study);
    name.title = entry ? entry.title : '';
    const form = document.createElement('div');
    form.className = 'params';
    form.id = `params-${study.id}`;
    form.hidden = !openEditors.has(study.id);
    if (params.length) {
      name.type = 'button';
      name.setAttribute('aria-expanded', String(!form.hidden));
      name.setAttribute('aria-controls', form.id);
      name.addEventListener('click', () => {
        form.hidden = !form.hidden;
        name.setAttribute('aria-expanded', String(!form.hidden));
        if (form.hidden) openEditors.delete(study.id); else openEditors.add(study.id);
      });
    }
    params.forEach((p) => {
      const field = document.createElement('label');
      field.textContent = p.name + ' ';
      let input;
      if (p.type === 'source' || p.type === 'matype') {
        input = document.createElement('select');
        (p.type === 'source' ? SOURCES : MATYPES).forEach((v) => input.append(new Option(v, v)));
      } else {
        input = document.createElement('input');
        input.type = 'number';
        input.step = p.type === 'integer' ? '1' : 'any';
        if (p.min !== undefined) input.min = p.min;
        if (p.max !== undefined) input.max = p.max;
      }
      input.name = p.name;
      input.value = study.params[p.name] ?? p.default;
      input.addEventListener('change', () => {
        if (input.value.trim() === '') return;  // cleared on the way to a new value: nothing to ask yet
        study.params[p.name] = input.value.trim();
        name.textContent = label(study);
        writeUrl(true);
        reloadStudy(study);
      });
      field.append(input);
      form.append(field);
    });
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.title = `Remove ${study.name.toUpperCase()}`;
    remove.setAttribute('aria-label', remove.title);
    remove.textContent = '×';
    remove.addEventListener('click', () => removeStudy(study));
    const error = document.createElement('span');
    error.className = 'error';
    error.hidden = true;
    li.append(swatch, name, remove, form, error);
    return li;
  }));
  markStudies();
}

/** Each study's failure in its own place in the list (the chart keeps the rest). */
function markStudies() {
  document.querySelectorAll('#studies li').forEach((li) => {
    const runtime = view && view.runtimes.get(Number(li.dataset.id));
    const error = runtime && runtime.error;
    li.classList.toggle('failed', !!error);
    const span = li.querySelector('.error');
    span.textContent = error || '';
    span.hidden = !error;
  });
}

let symbolSearch = 0;
async function searchSymbols(prefix) {
  const mine = ++symbolSearch;
  try {
    const { body } = await api(`/v1/symbols?prefix=${encodeURIComponent(prefix)}&limit=20`);
    if (mine !== symbolSearch) return [];
    $('symbol-list').replaceChildren(...body.symbols.map((s) => new Option(s.intervals.join(' '), s.symbol)));
    const exact = body.symbols.find((s) => s.symbol === state.symbol);
    $('symbol-intervals').textContent = exact ? `intervals: ${exact.intervals.join(' ')}` : '';
    return body.symbols;
  } catch (e) {
    $('symbol-intervals').textContent = e.message;
    return [];
  }
}

function renderThemeButton() {
  const dark = theme.effective() === 'dark';
  $('theme').textContent = dark ? '☀' : '☾';
  $('theme').title = dark ? 'Light theme' : 'Dark theme';
  $('theme').setAttribute('aria-label', $('theme').title);
}

function wireControls() {
  let timer = 0;
  $('symbol').addEventListener('input', (e) => {
    clearTimeout(timer);
    timer = setTimeout(() => searchSymbols(e.target.value.trim()), 150);
  });
  $('symbol').addEventListener('change', (e) => {
    const symbol = e.target.value.trim().toUpperCase();
    if (!symbol || symbol === state.symbol) return;
    state.symbol = symbol;
    e.target.value = symbol;
    notice = '';
    writeUrl(true);
    searchSymbols(symbol);
    rebuild();
  });
  $('interval').addEventListener('change', (e) => {
    state.interval = e.target.value;
    notice = '';
    writeUrl(true);
    rebuild();
  });
  createPicker($('study-search'), $('study-options'), () => [...catalogue.values()], (entry) => addStudy({ name: entry.name, params: {} }));
  $('theme').addEventListener('click', () => theme.toggle());
  theme.onChange(() => {
    renderThemeButton();
    renderStudies();
    if (view) applyTheme(view);
  });
  renderThemeButton();
  window.addEventListener('popstate', () => applyUrl(readUrl(location.search)));
}

// ---- study edits: the chart stays, only the study's own series change -------------------------

function addStudy(spec) {
  const study = newStudy(spec, state.studies);
  state.studies.push(study);
  writeUrl(true);
  renderStudies();
  if (view && view.ready) attachStudy(view, study);
}

function removeStudy(study) {
  state.studies = state.studies.filter((s) => s !== study);
  writeUrl(true);
  renderStudies();
  if (view) detachStudy(view, study);
}

function reloadStudy(study) {
  if (!view || !view.ready) return;
  const runtime = view.runtimes.get(study.id);
  if (runtime) loadAndDraw(view, runtime, { from: view.bars[0].time });
}

/**
 * Back/Forward (or any URL): a new symbol or interval reloads the chart; otherwise the studies are
 * matched to the ones shown (same code and parameters, then same code), so only what differs changes.
 */
function applyUrl(next) {
  notice = next.notice;
  const interval = next.interval || state.interval || DEFAULT_INTERVAL;
  const symbol = next.symbol || state.symbol;
  const old = [...state.studies];
  const kept = [];
  const edited = [];
  next.studies.forEach((spec) => {
    let i = old.findIndex((s) => studyText(s) === studyText(spec));
    if (i < 0) i = old.findIndex((s) => s.name === spec.name);
    if (i >= 0) {
      const study = old.splice(i, 1)[0];
      if (studyText(study) !== studyText(spec)) {
        study.params = { ...spec.params };
        edited.push(study);
      }
      kept.push(study);
    } else {
      kept.push(newStudy(spec, kept.concat(old)));
    }
  });
  state.studies = kept;
  const reload = symbol !== state.symbol || interval !== state.interval || !view || !view.ready;
  state.symbol = symbol;
  state.interval = interval;
  fillControls();
  if (reload) {
    searchSymbols(symbol);
    rebuild();
    return;
  }
  showMessage('');
  old.forEach((study) => detachStudy(view, study));
  edited.forEach(reloadStudy);
  kept.filter((study) => !view.runtimes.has(study.id)).forEach((study) => attachStudy(view, study));
}

// ---- data ------------------------------------------------------------------------------------

function studyPath(study, window) {
  const q = new URLSearchParams({ interval: state.interval, ...study.params, ...window });
  return `/v1/indicators/${encodeURIComponent(state.symbol)}/${encodeURIComponent(study.name)}?${q}`;
}

function candlePath(window) {
  const q = new URLSearchParams({ interval: state.interval, ...window });
  return `/v1/candles/${encodeURIComponent(state.symbol)}?${q}`;
}

function toBars(body) {
  const t = body.t || [];
  const c = theme.colors();
  return {
    bars: t.map((time, i) => ({ time, open: body.o[i], high: body.h[i], low: body.l[i], close: body.c[i] })),
    volumes: t.map((time, i) => ({ time, value: body.v[i], color: body.c[i] >= body.o[i] ? c.volumeUp : c.volumeDown })),
  };
}

/** A study's answer as rows { time, v: { series: value } }; null values are gaps. */
function toRows(body) {
  const series = body.series || {};
  return (body.t || []).map((time, i) => {
    const v = {};
    Object.keys(series).forEach((name) => {
      v[name] = series[name][i];
    });
    return { time, v };
  });
}

/** Older items before newer ones, each time once (the newer answer wins). */
function merge(older, newer) {
  const byTime = new Map();
  older.forEach((p) => byTime.set(p.time, p));
  newer.forEach((p) => byTime.set(p.time, p));
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** Decimals the prices are quoted in (at least 2, at most 8), so axis and legend show them exactly. */
function priceFormatOf(bars) {
  let decimals = 2;
  for (let i = Math.max(0, bars.length - 300); i < bars.length; i++) {
    for (const x of [bars[i].open, bars[i].high, bars[i].low, bars[i].close]) {
      let d = decimals;
      while (d < 8 && Math.abs(x - Number(x.toFixed(d))) > 1e-9 * Math.max(1, Math.abs(x))) d++;
      decimals = d;
    }
  }
  return { type: 'price', precision: decimals, minMove: 10 ** -decimals };
}

// ---- the chart -------------------------------------------------------------------------------

function chartOptions() {
  const c = theme.colors();
  return {
    layout: { background: { type: 'solid', color: c.background }, textColor: c.text, attributionLogo: true,
      panes: { separatorColor: c.border, separatorHoverColor: c.grid } },
    grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
    rightPriceScale: { borderColor: c.border },
    timeScale: { borderColor: c.border },
    crosshair: { vertLine: { color: c.crosshair, labelBackgroundColor: c.crosshair }, horzLine: { color: c.crosshair, labelBackgroundColor: c.crosshair } },
  };
}

function newView() {
  const seconds = INTERVALS[state.interval];
  const chart = LWC.createChart($('chart'), {
    autoSize: true,
    crosshair: { mode: LWC.CrosshairMode.Normal },
    timeScale: { timeVisible: seconds < 86400, secondsVisible: false, rightOffset: 4 },
    // Touch: a horizontal drag pans, a pinch zooms; a vertical drag scrolls the page (a phone's studies list).
    handleScroll: { mouseWheel: true, pressedMouseMove: true, horzTouchDrag: true, vertTouchDrag: false },
    handleScale: { mouseWheel: true, pinch: true, axisPressedMouseMove: true },
    kineticScroll: { touch: true, mouse: false },
  });
  chart.applyOptions(chartOptions());  // merged into the above (a spread would replace timeScale and crosshair whole)
  const c = theme.colors();
  const candles = chart.addSeries(LWC.CandlestickSeries, {
    upColor: c.up, downColor: c.down, borderVisible: false, wickUpColor: c.up, wickDownColor: c.down,
  });
  candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.22 } });  // placeLegends adjusts the top
  const volume = chart.addSeries(LWC.HistogramSeries, {
    priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false,
  });
  chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
  const v = {
    chart, candles, volume, seconds, bars: [], volumes: [], times: [], index: new Map(),
    format: { type: 'price', precision: 2, minMove: 0.01 }, runtimes: new Map(), ready: false, error: '',
    ended: false, loadingOlder: false, etags: new Map(), timer: 0, closed: false, crosshairTime: undefined,
  };
  v.markers = new MarkerLayer(candles);
  v.host = { chart, markers: v.markers, timeline: () => v, priceFormat: () => v.format };
  return v;
}

function setBars(v, bars, volumes) {
  v.bars = bars;
  v.volumes = volumes;
  v.times = bars.map((b) => b.time);
  v.index = new Map(v.times.map((t, i) => [t, i]));
  v.candles.setData(bars);
  v.volume.setData(volumes);
  const format = priceFormatOf(bars);
  if (JSON.stringify(format) !== JSON.stringify(v.format)) {
    v.format = format;
    v.candles.applyOptions({ priceFormat: format });
  }
}

/** Live candles: the last one changed, newer ones appended (the chart follows them if it was at the end). */
function appendBars(v, bars, volumes) {
  const last = v.times[v.times.length - 1];
  bars.forEach((bar, i) => {
    if (bar.time < last) return;
    v.candles.update(bar);
    v.volume.update(volumes[i]);
  });
  v.bars = merge(v.bars, bars);
  v.volumes = merge(v.volumes, volumes);
  v.times = v.bars.map((b) => b.time);
  v.index = new Map(v.times.map((t, i) => [t, i]));
}

function applyTheme(v) {
  const c = theme.colors();
  v.chart.applyOptions(chartOptions());
  v.candles.applyOptions({ upColor: c.up, downColor: c.down, wickUpColor: c.up, wickDownColor: c.down });
  v.volumes = v.volumes.map((p, i) => ({ ...p, color: v.bars[i].close >= v.bars[i].open ? c.volumeUp : c.volumeDown }));
  v.volume.setData(v.volumes);
  v.runtimes.forEach((r) => r.drawing && r.drawing.applyTheme());
  legend(v);
}

/** Runs a change to the chart's series without moving what the user looks at. */
function keepingRange(v, change) {
  const scale = v.chart.timeScale();
  const range = scale.getVisibleLogicalRange();
  change();
  if (range) scale.setVisibleLogicalRange(range);
}

function stretchPanes(v) {
  v.chart.panes().forEach((p, i) => p.setStretchFactor(i === 0 ? 3 : 1));
}

/** A new symbol or interval: a fresh chart, candles, then every study. */
async function rebuild() {
  if (view) {
    view.closed = true;
    clearTimeout(view.timer);
    view.chart.remove();
  }
  document.body.dataset.state = 'loading';
  showMessage('');
  const v = newView();
  view = v;
  legend(v);
  v.chart.subscribeCrosshairMove((param) => {
    v.crosshairTime = param && param.time !== undefined ? param.time : undefined;
    legend(v);
  });
  v.chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
    if (range && range.from < 10) loadOlder(v);
  });
  new ResizeObserver(() => placeLegends(v)).observe($('chart'));
  status(`loading ${state.symbol} ${state.interval}…`);
  state.studies.forEach((study) => v.runtimes.set(study.id, newRuntime(study)));
  try {
    const { body } = await api(candlePath({ limit: PAGE }));
    if (v.closed) return;
    if (!body.t || body.t.length === 0) {
      throw new Error(`${state.symbol} has no ${state.interval} candles.`);
    }
    const { bars, volumes } = toBars(body);
    v.ended = body.t.length < PAGE;
    setBars(v, bars, volumes);
    await Promise.all([...v.runtimes.values()].map((r) => load(v, r, { from: body.t[0] })));
    if (v.closed) return;
    // Drawn in the list's order, so the panes are too.
    state.studies.filter((study) => v.runtimes.has(study.id)).forEach((study) => draw(v, v.runtimes.get(study.id)));
    stretchPanes(v);
    v.chart.timeScale().scrollToRealTime();
    v.ready = true;
    // Added while the candles loaded.
    state.studies.filter((study) => !v.runtimes.has(study.id)).forEach((study) => attachStudy(v, study));
    markStudies();
    legend(v);
    document.body.dataset.state = 'ready';
    footer(v);
    schedulePoll(v);
  } catch (e) {
    if (v.closed) return;
    // Nothing of the previous symbol stays: an empty chart, an empty legend, the reason.
    v.error = e.message;
    v.bars = [];
    legend(v);
    document.body.dataset.state = 'error';
    showMessage(e.message);
    status('');
  }
}

function newRuntime(study) {
  const entry = catalogue.get(study.name);
  return { study, entry, rows: [], drawing: null, error: entry ? null : `${study.name}: not an indicator of this server`, seq: 0 };
}

/** Loads a study over a window; a failure stays with the study. Older pages merge under what is there. */
async function load(v, runtime, window, older = false) {
  if (!runtime.entry) return;
  const seq = older ? runtime.seq : ++runtime.seq;
  loading++;
  try {
    const { body } = await api(studyPath(runtime.study, { ...window, limit: STUDY_LIMIT }));
    if (v.closed || seq !== runtime.seq) return;
    const rows = toRows(body);
    runtime.rows = older ? merge(rows, runtime.rows) : rows;
    runtime.error = null;
  } catch (e) {
    if (v.closed || seq !== runtime.seq) return;
    runtime.error = `${label(runtime.study)}: ${e.message}`;
    runtime.rows = [];
  } finally {
    loading--;
  }
}

/** Shows a study's rows, making its series on first success; a failed study has none (no empty pane). */
function draw(v, runtime) {
  if (runtime.error) {
    if (runtime.drawing) {
      runtime.drawing.destroy();
      runtime.drawing = null;
    }
    return;
  }
  if (!runtime.entry) return;
  if (!runtime.drawing) runtime.drawing = new StudyDrawing(v.host, runtime.entry, runtime.study);
  runtime.drawing.render(runtime.rows);
}

async function loadAndDraw(v, runtime, window) {
  const seq = runtime.seq + 1;
  await load(v, runtime, window);
  if (v.closed || runtime.seq !== seq || !v.runtimes.has(runtime.study.id)) return;
  keepingRange(v, () => {
    draw(v, runtime);
    stretchPanes(v);
  });
  markStudies();
  legend(v);
}

function attachStudy(v, study) {
  const runtime = newRuntime(study);
  v.runtimes.set(study.id, runtime);
  if (!runtime.entry) {
    markStudies();
    return;
  }
  loadAndDraw(v, runtime, { from: v.bars[0].time });
}

function detachStudy(v, study) {
  const runtime = v.runtimes.get(study.id);
  if (!runtime) return;
  v.runtimes.delete(study.id);
  runtime.seq++;
  if (runtime.drawing) {
    keepingRange(v, () => {
      runtime.drawing.destroy();
      stretchPanes(v);
    });
  }
  legend(v);
}

/** Scroll-back: the page of candles before the oldest loaded one, and the studies over it. */
async function loadOlder(v) {
  if (!v.ready || v.ended || v.loadingOlder || v.bars.length === 0) return;
  v.loadingOlder = true;
  let loaded = false;
  try {
    const oldest = v.bars[0].time;
    const to = oldest - v.seconds;
    const { body } = await api(candlePath({ to, limit: PAGE }));
    if (v.closed) return;
    body.t = body.t || [];
    if (body.t.length < PAGE) v.ended = true;
    if (body.t.length > 0) {
      const older = toBars(body);
      setBars(v, merge(older.bars, v.bars), merge(older.volumes, v.volumes));
      const runtimes = [...v.runtimes.values()].filter((r) => r.drawing);
      await Promise.all(runtimes.map((r) => load(v, r, { from: body.t[0], to }, true)));
      if (v.closed) return;
      runtimes.forEach((r) => draw(v, r));
      markStudies();
    }
    footer(v);
    loaded = true;
  } catch (e) {
    if (!v.closed) showMessage(e.message);
  } finally {
    v.loadingOlder = false;
  }
  if (!loaded || v.closed || v.ended) return;
  // Still at the left edge (a page narrower than the view, or a quick drag): keep going.
  const range = v.chart.timeScale().getVisibleLogicalRange();
  if (range && range.from < 10) setTimeout(() => loadOlder(v), 0);
}

// ---- live ------------------------------------------------------------------------------------

/** Seconds between polls: a 60th of the interval, 1 s to 60 s (?poll=N overrides). */
function pollSeconds(v) {
  return state.poll > 0 ? state.poll : Math.min(60, Math.max(1, v.seconds / 60));
}

function schedulePoll(v) {
  clearTimeout(v.timer);
  v.timer = setTimeout(() => poll(v), pollSeconds(v) * 1000);
}

/** A conditional GET: the ETag of the previous answer to the same URL, so "unchanged" is a 304. */
async function conditional(v, path) {
  const etag = v.etags.get(path);
  const result = await api(path, etag ? { headers: { 'If-None-Match': etag } } : {});
  if (result.etag) v.etags.set(path, result.etag);
  pollStats.requests++;
  if (result.notModified) pollStats.notModified++;
  return result.notModified ? null : result.body;
}

async function poll(v) {
  if (v.closed) return;
  if (document.hidden || v.bars.length === 0) {
    schedulePoll(v);
    return;
  }
  try {
    // The latest window: from the last loaded candle (which may still be changing) onwards.
    const last = v.bars[v.bars.length - 1].time;
    const body = await conditional(v, candlePath({ from: last }));
    if (v.closed) return;
    if (body && body.t && body.t.length) {
      const { bars, volumes } = toBars(body);
      appendBars(v, bars, volumes);
    }
    await Promise.all([...v.runtimes.values()].filter((r) => r.drawing).map(async (r) => {
      const study = await conditional(v, studyPath(r.study, { from: last, limit: STUDY_LIMIT }));
      if (!study || v.closed || !r.drawing) return;
      r.rows = merge(r.rows, toRows(study));
      r.drawing.render(r.rows, true);
    }));
    if (v.closed) return;
    legend(v);
    footer(v);
    if (document.body.dataset.state === 'ready') showMessage('');
  } catch (e) {
    if (!v.closed) showMessage(`Live update failed: ${e.message}`);
  }
  schedulePoll(v);
}

// ---- legend and footer -----------------------------------------------------------------------

function span(text, color, className) {
  const s = document.createElement('span');
  s.textContent = text;
  if (color) s.style.color = color;
  if (className) s.className = className;
  return s;
}

function studyLine(runtime, time) {
  const line = document.createElement('div');
  line.className = 'line';
  line.dataset.study = runtime.study.name;
  const color = runtime.drawing.color();
  line.append(span(label(runtime.study), color, 'head'),
    ...runtime.drawing.legendValues(time).map((x) => span(x.text, x.color || color)));
  return line;
}

/**
 * A legend per pane, at the crosshair's time (the last candle's without one): the symbol's prices
 * and the overlays on the candles' pane, each other study on its own, every value formatted as its
 * price scale formats it.
 */
function legend(v) {
  const time = v.crosshairTime !== undefined ? v.crosshairTime : (v.bars.length ? v.bars[v.bars.length - 1].time : undefined);
  const byPane = new Map();
  if (v.bars.length) {
    state.studies.forEach((study) => {
      const runtime = v.runtimes.get(study.id);
      if (!runtime || !runtime.drawing) return;
      const pane = runtime.drawing.paneIndex() ?? 0;
      if (!byPane.has(pane)) byPane.set(pane, []);
      byPane.get(pane).push(studyLine(runtime, time));
    });
  }
  const price = [];
  if (v.bars.length) {
    const head = document.createElement('div');
    head.className = 'line';
    head.append(span(`${state.symbol} · ${state.interval}`, null, 'head'));
    const i = v.index.get(time);
    if (i !== undefined) {
      const bar = v.bars[i];
      const f = v.candles.priceFormatter();
      const color = bar.close >= bar.open ? theme.colors().up : theme.colors().down;
      head.append(...[['O', bar.open], ['H', bar.high], ['L', bar.low], ['C', bar.close]]
        .map(([k, x]) => span(`${k} ${f.format(x)}`, color)),
      span(`V ${v.volume.priceFormatter().format(v.volumes[i].value)}`));
    }
    price.push(head, ...(byPane.get(0) || []));
  }
  $('price-legend').replaceChildren(...price);
  const boxes = [...byPane.entries()].filter(([pane]) => pane > 0).map(([pane, lines]) => {
    const box = document.createElement('div');
    box.dataset.pane = pane;
    box.append(...lines);
    return box;
  });
  $('pane-legends').replaceChildren(...boxes);
  placeLegends(v);
  // A pane just added is laid out in the chart's next frame.
  requestAnimationFrame(() => placeLegends(v));
}

/**
 * Puts each pane's legend at its pane's top (panes move as studies come and go or are resized) and
 * keeps the pane's lines below it: the price scale's top margin is the legend's height, so no
 * legend covers a candle or a study's line.
 */
function placeLegends(v) {
  if (v.closed) return;
  const top = $('chart-box').getBoundingClientRect().top;
  const panes = v.chart.panes();
  const overlaid = getComputedStyle($('price-legend')).position === 'absolute';
  reserve(panes[0], overlaid ? $('price-legend') : null, 0.22);
  $('pane-legends').querySelectorAll('[data-pane]').forEach((box) => {
    const pane = panes[Number(box.dataset.pane)];
    const element = pane && pane.getHTMLElement();
    if (!element) return;
    box.style.top = `${element.getBoundingClientRect().top - top + 4}px`;
    reserve(pane, box, 0.08);
  });
}

function reserve(pane, legendBox, bottom) {
  const height = pane ? pane.getHeight() : 0;
  if (!height) return;
  const wanted = legendBox && legendBox.offsetHeight ? Math.min(0.45, (legendBox.offsetHeight + 10) / height) : 0.08;
  const scale = pane.priceScale('right');
  if (Math.abs(scale.options().scaleMargins.top - wanted) > 0.01) {
    scale.applyOptions({ scaleMargins: { top: wanted, bottom } });
  }
}

function status(text) {
  $('status').textContent = text;
}

function day(time, intraday) {
  const iso = new Date(time * 1000).toISOString();
  return intraday ? iso.slice(0, 16).replace('T', ' ') : iso.slice(0, 10);
}

/** The loaded range, which grows with scroll-back and live candles. */
function footer(v) {
  if (!v.bars.length) return;
  const intraday = v.seconds < 86400;
  status(`${state.symbol} ${state.interval}: ${v.bars.length} candles, ${day(v.bars[0].time, intraday)} to `
    + `${day(v.bars[v.bars.length - 1].time, intraday)}${v.ended ? ' (all of its history)' : ''}`);
}

// ---- start -----------------------------------------------------------------------------------

async function loadCatalogue() {
  try {
    const { body } = await api('/v1/indicators');
    return body.indicators;
  } catch (e) {
    if (e.status === 404) return BUILT_IN;
    throw e;
  }
}

async function start() {
  wireControls();
  try {
    (await loadCatalogue()).forEach((entry) => catalogue.set(entry.name, entry));
  } catch (e) {
    BUILT_IN.forEach((entry) => catalogue.set(entry.name, entry));
    notice = `Indicator catalogue unavailable (${e.message}); showing the built-in list.`;
  }
  const asked = readUrl(location.search);
  if (!asked.symbol) {
    const symbols = await searchSymbols('');
    const first = symbols && symbols[0];
    asked.symbol = first ? first.symbol : 'AAPL';
    if (!asked.interval && !asked.notice && first) {
      asked.interval = first.intervals.includes(DEFAULT_INTERVAL) ? DEFAULT_INTERVAL : first.intervals[first.intervals.length - 1];
    }
  }
  asked.notice = [notice, asked.notice].filter(Boolean).join('\n');
  applyUrl(asked);
  writeUrl(false);
}

// For tests and the curious: what the page has loaded.
window.chartfeed = {
  get chart() { return view && view.chart; },
  firstTime: () => (view && view.bars.length ? view.bars[0].time : null),
  lastBar: () => (view && view.bars.length ? view.bars[view.bars.length - 1] : null),
  lastCandleOnChart: () => { const d = view && view.candles.data(); return d && d.length ? d[d.length - 1] : null; },
  candleCount: () => (view ? view.bars.length : 0),
  paneCount: () => (view ? view.chart.panes().length : 0),
  seriesCount: () => (view ? view.chart.panes().reduce((n, p) => n + p.getSeries().length, 0) : 0),
  markerCount: () => (view ? view.markers.count() : 0),
  markers: () => (view ? view.markers.plugin.markers() : []),
  loading: () => loading,
  studyPoints: () => (view ? state.studies.map((s) => {
    const r = view.runtimes.get(s.id);
    return r && r.entry ? r.entry.series.map((name) => r.rows.filter((row) => row.v[name] !== null && row.v[name] !== undefined).length) : [];
  }) : []),
  studyPanes: () => (view ? state.studies.map((s) => {
    const r = view.runtimes.get(s.id);
    return r && r.drawing ? r.drawing.paneIndex() : null;
  }) : []),
  historyEnded: () => !!(view && view.ended),
  pollStats: () => ({ ...pollStats }),
  needsPane: (name) => needsPane(catalogue.get(name)),
};

start();
