// The chart page: candles, volume and studies from the chartfeed API, drawn with TradingView's
// lightweight-charts 5. Plain script, no build step. The URL holds the state
// (?symbol=AAPL&interval=1h&study=sma:period=20&study=rsi), so a view can be shared.
'use strict';
(() => {
  const LWC = window.LightweightCharts;
  const INTERVALS = { '1m': 60, '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '4h': 14400, '1d': 86400, '1w': 604800 };
  const PAGE = 500;          // candles per request, initially and per scroll-back step
  const STUDY_LIMIT = 5000;  // the API's maximum: a study's window is bounded by from/to instead
  const COLORS = ['#2962ff', '#f57c00', '#8e24aa', '#00897b', '#c2185b', '#6d4c41', '#3949ab', '#7cb342', '#e53935'];
  const SOURCES = ['open', 'high', 'low', 'close', 'hl2', 'hlc3', 'ohlc4'];
  const MATYPES = ['sma', 'ema', 'wma', 'dema', 'tema', 'trima', 'kama', 'mama', 't3'];
  const query = new URLSearchParams(location.search);
  // Another origin's API (it must allow this page's origin: CORS_ALLOWED_ORIGINS); same origin by default.
  const API = (query.get('api') || '').replace(/\/$/, '');
  const $ = (id) => document.getElementById(id);

  // Today's indicators, used when the server has no catalogue (GET /v1/indicators answers 404).
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
      osc('macd', 'Moving Average Convergence/Divergence', [int('fast', 12, 2), int('slow', 26, 2), int('signal', 9, 2), source], ['macd', 'signal', 'hist']),
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

  let catalogue = new Map();   // name -> catalogue entry
  let state = { symbol: '', interval: '1d', studies: [], poll: Number(query.get('poll')) || 0 };
  // What is loaded for the current symbol and interval; replaced whole on every rebuild.
  let view = null;
  const pollStats = { requests: 0, notModified: 0 };

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
    const box = $('message');
    box.textContent = text;
    box.hidden = !text;
  }

  function status(text) {
    $('status').textContent = text;
  }

  // ---- state <-> URL -------------------------------------------------------------------------

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

  function writeUrl() {
    const q = new URLSearchParams();
    q.set('symbol', state.symbol);
    q.set('interval', state.interval);
    state.studies.forEach((s) => q.append('study', studyText(s)));
    if (state.poll) q.set('poll', state.poll);
    if (API) q.set('api', API);
    history.replaceState(null, '', '?' + q.toString().replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%3D/g, '='));
  }

  function label(study) {
    const entry = catalogue.get(study.name);
    const values = (entry ? entry.params : []).filter((p) => p.type !== 'source')
      .map((p) => study.params[p.name] ?? p.default);
    return study.name.toUpperCase() + (values.length ? `(${values.join(', ')})` : '');
  }

  // ---- controls --------------------------------------------------------------------------------

  function fillControls() {
    $('symbol').value = state.symbol;
    const interval = $('interval');
    interval.replaceChildren(...Object.keys(INTERVALS).map((code) => new Option(code, code)));
    interval.value = state.interval;
    const menu = $('study-menu');
    const groups = new Map();
    catalogue.forEach((entry) => {
      if (!groups.has(entry.group)) groups.set(entry.group, []);
      groups.get(entry.group).push(entry);
    });
    menu.replaceChildren();
    groups.forEach((entries, group) => {
      const optgroup = document.createElement('optgroup');
      optgroup.label = group || 'Studies';
      entries.forEach((e) => optgroup.append(new Option(`${e.name} — ${e.title || e.name}`, e.name)));
      menu.append(optgroup);
    });
    renderStudies();
  }

  function renderStudies() {
    const list = $('studies');
    list.replaceChildren(...state.studies.map((study, index) => {
      const entry = catalogue.get(study.name);
      const li = document.createElement('li');
      li.dataset.study = study.name;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = COLORS[index % COLORS.length];
      const name = document.createElement('strong');
      name.textContent = study.name.toUpperCase();
      li.append(swatch, name);
      (entry ? entry.params : []).forEach((p) => {
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
          study.params[p.name] = input.value;
          writeUrl();
          rebuild();
        });
        field.append(input);
        li.append(field);
      });
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.title = 'Remove';
      remove.textContent = '×';
      remove.addEventListener('click', () => {
        state.studies.splice(index, 1);
        writeUrl();
        renderStudies();
        rebuild();
      });
      li.append(remove);
      return li;
    }));
  }

  let symbolSearch = 0;
  async function searchSymbols(prefix) {
    const mine = ++symbolSearch;
    try {
      const { body } = await api(`/v1/symbols?prefix=${encodeURIComponent(prefix)}&limit=20`);
      if (mine !== symbolSearch) return;
      $('symbol-list').replaceChildren(...body.symbols.map((s) => {
        const option = new Option(s.intervals.join(' '), s.symbol);
        return option;
      }));
      const exact = body.symbols.find((s) => s.symbol === state.symbol);
      $('symbol-intervals').textContent = exact ? `intervals: ${exact.intervals.join(' ')}` : '';
      return body.symbols;
    } catch (e) {
      $('symbol-intervals').textContent = e.message;
      return [];
    }
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
      writeUrl();
      searchSymbols(symbol);
      rebuild();
    });
    $('interval').addEventListener('change', (e) => {
      state.interval = e.target.value;
      writeUrl();
      rebuild();
    });
    $('add-study').addEventListener('click', () => {
      const name = $('study-menu').value;
      if (!name) return;
      state.studies.push({ name, params: {} });
      writeUrl();
      renderStudies();
      rebuild();
    });
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
    body.t = body.t || [];
    const bars = [];
    const volumes = [];
    for (let i = 0; i < body.t.length; i++) {
      bars.push({ time: body.t[i], open: body.o[i], high: body.h[i], low: body.l[i], close: body.c[i] });
      volumes.push(volumeBar(body.t[i], body.o[i], body.c[i], body.v[i]));
    }
    return { bars, volumes };
  }

  function volumeBar(time, open, close, value) {
    return { time, value, color: close >= open ? 'rgba(38,166,154,.45)' : 'rgba(239,83,80,.45)' };
  }

  /** A study's series as chart points; null (undefined) values are gaps. */
  function toPoints(body, name) {
    const values = (body.series || {})[name] || [];
    return (body.t || []).map((time, i) => (values[i] === null || values[i] === undefined ? { time } : { time, value: values[i] }));
  }

  /** Older points before newer ones, each time once (the newer answer wins). */
  function merge(older, newer) {
    const byTime = new Map();
    older.forEach((p) => byTime.set(p.time, p));
    newer.forEach((p) => byTime.set(p.time, p));
    return [...byTime.values()].sort((a, b) => a.time - b.time);
  }

  // ---- the chart -------------------------------------------------------------------------------

  function newChart() {
    const seconds = INTERVALS[state.interval];
    const chart = LWC.createChart($('chart'), {
      autoSize: true,
      layout: { background: { color: '#ffffff' }, textColor: '#1f2328', attributionLogo: true, panes: { separatorColor: '#d1d5db' } },
      grid: { vertLines: { color: '#f1f3f5' }, horzLines: { color: '#f1f3f5' } },
      crosshair: { mode: LWC.CrosshairMode.Normal },
      timeScale: { timeVisible: seconds < 86400, secondsVisible: false, rightOffset: 4 },
    });
    const candles = chart.addSeries(LWC.CandlestickSeries, {
      upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350',
    });
    candles.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.25 } });
    const volume = chart.addSeries(LWC.HistogramSeries, {
      priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false,
    });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    let pane = 0;
    const studies = state.studies.map((study, index) => {
      const entry = catalogue.get(study.name);
      if (!entry) {
        return { study, error: `${study.name}: not an indicator of this server`, series: [] };
      }
      const paneIndex = entry.placement === 'overlay' ? 0 : ++pane;
      const color = COLORS[index % COLORS.length];
      const series = entry.series.map((name, j) => {
        const histogram = entry.kind === 'histogram' || entry.kind === 'pattern' || name === 'hist';
        const options = {
          color: j === 0 ? color : shade(color, j), lineWidth: j === 0 ? 2 : 1,
          priceLineVisible: false, lastValueVisible: true, crosshairMarkerVisible: true,
        };
        const api = chart.addSeries(histogram ? LWC.HistogramSeries : LWC.LineSeries, options, paneIndex);
        return { name, api, points: [] };
      });
      return { study, entry, paneIndex, series, error: null };
    });
    const panes = chart.panes();
    panes.forEach((p, i) => p.setStretchFactor(i === 0 ? 3 : 1));
    return { chart, candles, volume, studies, seconds, bars: [], volumes: [], ended: false, loadingOlder: false, etags: new Map(), timer: 0, closed: false };
  }

  function shade(hex, step) {
    const n = parseInt(hex.slice(1), 16);
    const mix = (c) => Math.round(c + (255 - c) * Math.min(0.6, 0.3 * step));
    return '#' + [n >> 16, (n >> 8) & 255, n & 255].map(mix).map((c) => c.toString(16).padStart(2, '0')).join('');
  }

  async function rebuild() {
    if (view) {
      view.closed = true;
      clearTimeout(view.timer);
      view.chart.remove();
    }
    document.body.dataset.state = 'loading';
    showMessage('');
    const v = newChart();
    view = v;
    v.chart.subscribeCrosshairMove((param) => legend(v, param));
    v.chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
      if (range && range.from < 10) loadOlder(v);
    });
    status(`loading ${state.symbol} ${state.interval}…`);
    try {
      const { body } = await api(candlePath({ limit: PAGE }));
      if (v.closed) return;
      body.t = body.t || [];
      if (body.t.length === 0) {
        throw new Error(`${state.symbol} has no ${state.interval} candles.`);
      }
      const { bars, volumes } = toBars(body);
      v.bars = bars;
      v.volumes = volumes;
      v.ended = body.t.length < PAGE;
      v.candles.setData(bars);
      v.volume.setData(volumes);
      await Promise.all(v.studies.map((s) => loadStudy(v, s, { from: body.t[0] })));
      if (v.closed) return;
      v.chart.timeScale().scrollToRealTime();
      reportStudyErrors(v);
      legend(v, null);
      document.body.dataset.state = 'ready';
      status(`${state.symbol} ${state.interval}: ${v.bars.length} candles`);
      schedulePoll(v);
    } catch (e) {
      if (v.closed) return;
      document.body.dataset.state = 'error';
      showMessage(e.message);
      status('');
    }
  }

  /** Loads one study over a window; a failure stays with the study (the chart keeps the rest). */
  async function loadStudy(v, s, window, older = false) {
    if (!s.entry) return;
    try {
      const { body } = await api(studyPath(s.study, { ...window, limit: STUDY_LIMIT }));
      if (v.closed) return;
      s.error = null;
      s.series.forEach((series) => {
        const points = toPoints(body, series.name);
        series.points = older ? merge(points, series.points) : points;
        series.api.setData(series.points);
      });
    } catch (e) {
      s.error = `${label(s.study)}: ${e.message}`;
    }
  }

  function reportStudyErrors(v) {
    const errors = v.studies.filter((s) => s.error).map((s) => s.error);
    showMessage(errors.join('\n'));
    document.querySelectorAll('#studies li').forEach((li, i) => li.classList.toggle('failed', !!(v.studies[i] && v.studies[i].error)));
  }

  /** Scroll-back: the page of candles before the oldest loaded one, and the studies over it. */
  async function loadOlder(v) {
    if (v.ended || v.loadingOlder || v.bars.length === 0) return;
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
        v.bars = merge(older.bars, v.bars);
        v.volumes = merge(older.volumes, v.volumes);
        v.candles.setData(v.bars);
        v.volume.setData(v.volumes);
        await Promise.all(v.studies.map((s) => loadStudy(v, s, { from: body.t[0], to }, true)));
        if (v.closed) return;
        reportStudyErrors(v);
      }
      status(`${state.symbol} ${state.interval}: ${v.bars.length} candles${v.ended ? ', all of its history' : ''}`);
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
      if (body) {
        const { bars, volumes } = toBars(body);
        bars.forEach((bar, i) => {
          v.candles.update(bar);
          v.volume.update(volumes[i]);
        });
        v.bars = merge(v.bars, bars);
        v.volumes = merge(v.volumes, volumes);
      }
      await Promise.all(v.studies.filter((s) => s.entry && !s.error).map(async (s) => {
        const study = await conditional(v, studyPath(s.study, { from: last, limit: STUDY_LIMIT }));
        if (!study || v.closed) return;
        s.series.forEach((series) => {
          const points = toPoints(study, series.name);
          const lastTime = series.points.length ? series.points[series.points.length - 1].time : -Infinity;
          points.filter((p) => p.time >= lastTime).forEach((p) => series.api.update(p));
          series.points = merge(series.points, points);
        });
      }));
      if (v.closed) return;
      legend(v, null);
      if (document.body.dataset.state === 'ready') showMessage(v.studies.filter((s) => s.error).map((s) => s.error).join('\n'));
    } catch (e) {
      if (!v.closed) showMessage(`Live update failed: ${e.message}`);
    }
    schedulePoll(v);
  }

  // ---- legend ----------------------------------------------------------------------------------

  function fmt(x) {
    if (x === undefined || x === null) return '–';
    const abs = Math.abs(x);
    if (abs >= 1e9) return (x / 1e9).toFixed(2) + 'B';
    if (abs >= 1e6) return (x / 1e6).toFixed(2) + 'M';
    if (abs >= 1e4) return x.toFixed(0);
    return x.toFixed(abs >= 100 ? 2 : 4).replace(/\.?0+$/, (m) => (m.startsWith('.') ? '' : m));
  }

  /** Every visible value at the crosshair's time, or at the last candle when there is none. */
  function legend(v, param) {
    const at = param && param.time !== undefined;
    const pick = (series, points) => (at ? param.seriesData.get(series) : points[points.length - 1]);
    const bar = pick(v.candles, v.bars);
    const vol = pick(v.volume, v.volumes);
    const lines = [];
    const head = document.createElement('span');
    head.className = 'study';
    head.textContent = `${state.symbol} · ${state.interval}` + (bar
      ? `  O ${fmt(bar.open)}  H ${fmt(bar.high)}  L ${fmt(bar.low)}  C ${fmt(bar.close)}  V ${fmt(vol && vol.value)}`
      : '');
    lines.push(head);
    v.studies.forEach((s, index) => {
      if (!s.entry) return;
      const line = document.createElement('span');
      line.className = 'study';
      line.style.color = COLORS[index % COLORS.length];
      const values = s.series.map((series) => {
        const point = pick(series.api, series.points);
        return `${s.series.length > 1 ? series.name + ' ' : ''}${fmt(point && point.value)}`;
      });
      line.textContent = `${label(s.study)}  ${values.join('  ')}`;
      lines.push(line);
    });
    $('legend').replaceChildren(...lines);
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
      showMessage(`Indicator catalogue unavailable (${e.message}); showing the built-in list.`);
    }
    state.symbol = (query.get('symbol') || '').toUpperCase();
    state.interval = INTERVALS[query.get('interval')] ? query.get('interval') : '';
    state.studies = query.getAll('study').map(parseStudy);
    if (!query.has('study') && !query.has('symbol')) {
      state.studies = [parseStudy('sma:period=50'), parseStudy('bbands:period=20'), parseStudy('rsi')];
    }
    if (!state.symbol) {
      const symbols = await searchSymbols('');
      const first = symbols && symbols[0];
      state.symbol = first ? first.symbol : 'AAPL';
      if (!state.interval && first) {
        state.interval = first.intervals.includes('1d') ? '1d' : first.intervals[first.intervals.length - 1];
      }
    } else {
      searchSymbols(state.symbol);
    }
    state.interval = state.interval || '1d';
    fillControls();
    writeUrl();
    rebuild();
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
    studyPoints: () => (view ? view.studies.map((s) => s.series.map((x) => x.points.filter((p) => p.value !== undefined).length)) : []),
    historyEnded: () => !!(view && view.ended),
    pollStats: () => ({ ...pollStats }),
  };

  start();
})();
