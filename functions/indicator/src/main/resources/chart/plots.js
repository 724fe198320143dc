// How a study is drawn, read only from its catalogue entry's drawing hints (GET /v1/indicators):
// `plots` (one per series: style line | histogram | markers | hidden, an offset in candles, the
// hidden series that colours a line), `fills` (the area between two series) and `levels` (dashed
// reference lines). STYLES maps each style to lightweight-charts series; nothing here knows a
// study by name.
import { FillSeries } from './fill-series.js';

const LWC = window.LightweightCharts;
const theme = () => window.chartfeedTheme.colors();

/** The entry's plots; an entry without hints (an older server) gets a line per series, markers for patterns. */
export function plotsOf(entry) {
  if (Array.isArray(entry.plots) && entry.plots.length) return entry.plots;
  const style = entry.kind === 'pattern' ? 'markers' : entry.kind === 'histogram' ? 'histogram' : 'line';
  return entry.series.map((series) => ({ series, style }));
}

const DRAWN = new Set(['line', 'histogram']);

/** Whether the study gets a pane of its own: drawn series that are not overlays (markers sit on the candles). */
export function needsPane(entry) {
  return entry.placement !== 'overlay' && plotsOf(entry).some((p) => DRAWN.has(p.style));
}

/** A candlestick pattern's name on its markers: the title without "Pattern", "Candle" or an explanation. */
export function shortName(entry) {
  return (entry.title || entry.name).replace(/\s+(-|\().*$/, '').replace(/\s+(Pattern|Candle)$/i, '');
}

/** A plot's offset in candles: a number, or an integer parameter's value, negated by a leading '-'. */
function offsetOf(plot, entry, params) {
  const offset = plot.offset;
  if (offset === undefined || offset === null || offset === '') return 0;
  if (typeof offset === 'number') return Math.trunc(offset);
  const negative = offset.startsWith('-');
  const name = negative ? offset.slice(1) : offset;
  const spec = (entry.params || []).find((p) => p.name === name);
  const value = Math.trunc(Number(params[name] ?? (spec ? spec.default : 0))) || 0;
  return negative ? -value : value;
}

/** A colour mixed by step towards white on light, towards grey on dark (a study's second, third... series). */
export function shade(hex, step) {
  if (step === 0) return hex;
  const n = parseInt(hex.slice(1), 16);
  const bg = parseInt(theme().shadeTo.slice(1), 16);
  const w = Math.min(0.6, 0.28 * step);
  const mix = (c, b) => Math.round(c + (b - c) * w);
  return '#' + [[n >> 16, bg >> 16], [(n >> 8) & 255, (bg >> 8) & 255], [n & 255, bg & 255]]
    .map(([c, b]) => mix(c, b).toString(16).padStart(2, '0')).join('');
}

function alpha(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${a})`;
}

/**
 * The style map: for each plot style, the chart series that draws it, its options and its points
 * from the plot's values (already shifted by its offset).
 */
const STYLES = {
  line: {
    options: (plot, color, width) => ({
      color,
      lineWidth: width,
      lineVisible: !plot.dots,
      pointMarkersVisible: !!plot.dots,
      pointMarkersRadius: plot.dots ? 1.5 : undefined,
      priceLineVisible: false,
      lastValueVisible: true,
      crosshairMarkerVisible: true,
    }),
    // A line coloured by a state (Supertrend's direction): green while it is up, red while down, and
    // broken where it flips, as TradingView draws it, with no stroke from the band below to the band
    // above. A segment takes the colour of the point it starts at, so that point's is transparent.
    points: (plot, shown) => {
      const c = theme();
      return shown.map((p, i) => {
        if (p.value === undefined) return { time: p.time };
        if (!plot.colorBy) return { time: p.time, value: p.value };
        const next = shown[i + 1];
        const flips = next && next.value !== undefined && (next.state < 0) !== (p.state < 0);
        return { time: p.time, value: p.value, color: flips ? 'transparent' : stateColor(p.state) };
      });
    },
    series: LWC.LineSeries,
  },
  histogram: {
    options: () => ({ priceLineVisible: false, lastValueVisible: true, base: 0 }),
    // By sign and by growth against the bar before, as TradingView colours MACD's histogram.
    points: (plot, shown) => {
      const c = theme();
      let previous;
      return shown.map((p) => {
        if (p.value === undefined) return { time: p.time };
        const grows = previous === undefined || p.value >= previous;
        const color = p.value >= 0 ? (grows ? c.histUp : c.histUpWeak) : (grows ? c.histDownWeak : c.histDown);
        previous = p.value;
        return { time: p.time, value: p.value, color };
      });
    },
    series: LWC.HistogramSeries,
  },
  // On the candles (renderMarkers), and a state that colours another plot: no series of their own.
  markers: {},
  hidden: {},
};

function stateColor(state) {
  return state < 0 ? theme().trendDown : theme().trendUp;
}

/** One study on the chart: its series, fills, reference levels and markers, made and redrawn from its entry. */
export class StudyDrawing {
  /**
   * @param host { chart, markers (MarkerLayer), timeline() => { times, index, seconds }, priceFormat() }
   * @param entry the catalogue entry
   * @param study { id, name, params, color }: read on every render, so edits apply
   */
  constructor(host, entry, study) {
    this.host = host;
    this.entry = entry;
    this.study = study;
    this.plots = plotsOf(entry).filter((p) => STYLES[p.style]);
    this.parts = [];
    this.fills = [];
    this.levels = [];
    this.markerTimes = new Map();
    this.format = null;
    this.create();
  }

  create() {
    const chart = this.host.chart;
    const drawn = this.plots.filter((p) => DRAWN.has(p.style));
    let pane = needsPane(this.entry) ? chart.panes().length : 0;
    const edges = new Set((this.entry.fills || []).flatMap((f) => f.between));
    // Fills first, so the lines are painted over them.
    (this.entry.fills || []).forEach((fill) => {
      const [a, b] = fill.between;
      if (!drawn.some((p) => p.series === a) || !drawn.some((p) => p.series === b)) return;
      const api = chart.addCustomSeries(new FillSeries(), { lastValueVisible: false, priceLineVisible: false }, pane);
      pane = api.getPane().paneIndex();
      this.fills.push({ a, b, api });
    });
    const thick = drawn.find((p) => !edges.has(p.series)) || drawn[0];
    drawn.forEach((plot, j) => {
      const api = chart.addSeries(STYLES[plot.style].series, {}, pane);
      pane = api.getPane().paneIndex();
      this.parts.push({ plot, api, j, width: plot === thick ? 2 : 1, byTime: new Map() });
    });
    this.pane = drawn.length ? pane : null;
    this.applyTheme();
  }

  /** The pane the study draws in (0: the candles'), or null when it only marks candles. */
  paneIndex() {
    const first = this.parts[0] || this.fills[0];
    return first ? first.api.getPane().paneIndex() : null;
  }

  color() {
    return theme().palette[this.study.color % theme().palette.length];
  }

  seriesColor(part) {
    return shade(this.color(), part.j);
  }

  /** Colours and reference levels for the current theme (again on every theme change). */
  applyTheme() {
    const c = theme();
    this.parts.forEach((part) => {
      const style = STYLES[part.plot.style];
      part.api.applyOptions(style.options(part.plot, this.seriesColor(part), part.width));
    });
    this.fills.forEach((fill) => fill.api.applyOptions({ upColor: alpha(this.color(), c.fillAlpha), downColor: c.fillDown }));
    this.levels.forEach((line) => line.series.removePriceLine(line.line));
    this.levels = [];
    const host = this.parts[0];
    const levels = this.entry.levels || [];
    if (host && levels.length) {
      // The levels stay on the pane even when the values have not reached them (RSI's 70 in a calm spell).
      host.api.applyOptions({
        autoscaleInfoProvider: (original) => {
          const fitted = original();
          if (!fitted || !fitted.priceRange) return fitted;
          fitted.priceRange.minValue = Math.min(fitted.priceRange.minValue, ...levels);
          fitted.priceRange.maxValue = Math.max(fitted.priceRange.maxValue, ...levels);
          return fitted;
        },
      });
    }
    levels.forEach((price) => {
      if (!host) return;
      const line = host.api.createPriceLine({
        price, color: c.level, lineWidth: 1, lineStyle: LWC.LineStyle.Dashed, axisLabelVisible: false, title: '',
      });
      this.levels.push({ series: host.api, line });
    });
    if (this.rows) this.render(this.rows);
  }

  /**
   * Draws the study's rows ([{ time, v: { series: value } }], ascending) against the loaded candles.
   * Live (a poll's answer merged in), unshifted series only update their last points; otherwise all is set.
   */
  render(rows, live) {
    this.rows = rows;
    const { times, index, seconds } = this.host.timeline();
    const last = times.length - 1;
    // A time `k` candles after (before) `time`; past the last candle, the interval's steps into the future.
    const shift = (time, k) => {
      if (k === 0) return time;
      const i = index.get(time);
      if (i === undefined) return null;
      const j = i + k;
      if (j < 0) return null;
      return j <= last ? times[j] : times[last] + (j - last) * seconds;
    };
    const shown = new Map();
    this.plots.forEach((plot) => {
      if (plot.style === 'hidden') return;
      const k = offsetOf(plot, this.entry, this.study.params);
      const points = [];
      rows.forEach((row) => {
        const time = shift(row.time, k);
        if (time === null) return;
        let value = row.v[plot.series];
        value = value === null || value === undefined ? undefined : plot.abs ? Math.abs(value) : value;
        points.push({ time, value, state: plot.colorBy ? row.v[plot.colorBy] : undefined });
      });
      shown.set(plot.series, { points, shifted: k !== 0 });
    });
    this.fitPrecision(shown);
    this.parts.forEach((part) => {
      const { points, shifted } = shown.get(part.plot.series);
      const data = STYLES[part.plot.style].points(part.plot, points);
      // For the legend: the value and the colour it is drawn in (its state's where the line is broken).
      part.byTime = new Map(data.map((p, i) => [p.time, {
        value: p.value, color: part.plot.colorBy ? stateColor(points[i].state) : p.color,
      }]));
      const current = part.api.data();
      if (live && !shifted && current.length) {
        // Only the last shown point can have changed; newer ones are appended.
        const from = current[current.length - 1].time;
        data.filter((p) => p.time >= from).forEach((p) => part.api.update(p));
      } else {
        part.api.setData(data);
      }
    });
    this.fills.forEach((fill) => {
      const a = new Map(shown.get(fill.a).points.map((p) => [p.time, p.value]));
      const b = new Map(shown.get(fill.b).points.map((p) => [p.time, p.value]));
      const at = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
      fill.api.setData(at.map((time) => {
        const va = a.get(time);
        const vb = b.get(time);
        return va === undefined || vb === undefined ? { time } : { time, a: va, b: vb };
      }));
    });
    this.renderMarkers(shown);
  }

  renderMarkers(shown) {
    const c = theme();
    const name = shortName(this.entry);
    const markers = [];
    this.markerTimes = new Map();
    this.plots.filter((p) => p.style === 'markers').forEach((plot) => {
      shown.get(plot.series).points.forEach((p) => {
        if (!p.value) return;
        const bullish = p.value > 0;
        this.markerTimes.set(p.time, bullish);
        markers.push({
          time: p.time, position: bullish ? 'belowBar' : 'aboveBar', shape: bullish ? 'arrowUp' : 'arrowDown',
          color: bullish ? c.up : c.down, text: name,
        });
      });
    });
    if (markers.length || this.host.markers.has(this.study.id)) this.host.markers.set(this.study.id, markers);
  }

  /** The price pane's format for overlays; a pane of its own shows four significant digits of its largest value. */
  fitPrecision(shown) {
    let format;
    if (this.paneIndex() === 0 || this.paneIndex() === null) {
      format = this.host.priceFormat();
    } else {
      let max = 0;
      let whole = true;
      shown.forEach(({ points }) => points.forEach((p) => {
        if (p.value === undefined) return;
        max = Math.max(max, Math.abs(p.value));
        whole = whole && Number.isInteger(p.value);
      }));
      if (max >= 1e5) {
        format = { type: 'volume' };
      } else if (whole) {
        format = { type: 'price', precision: 0, minMove: 1 };  // counts and states (HT_TRENDMODE's 0 or 1)
      } else {
        const precision = max > 0 ? Math.min(6, Math.max(0, 3 - Math.floor(Math.log10(max)))) : 2;
        format = { type: 'price', precision, minMove: 10 ** -precision };
      }
    }
    const key = JSON.stringify(format);
    if (key === this.format) return;
    this.format = key;
    this.parts.forEach((part) => part.api.applyOptions({ priceFormat: format }));
  }

  /**
   * The legend's line at a time: every drawn series' value there, in its colour, formatted as its
   * price scale formats it; a pattern's marker if one is there.
   */
  legendValues(time) {
    const c = theme();
    const values = [];
    const several = this.plots.filter((p) => p.style !== 'hidden').length > 1;
    this.plots.forEach((plot) => {
      const name = several ? plot.series + ' ' : '';
      if (plot.style === 'markers') {
        const bullish = this.markerTimes.get(time);
        values.push(bullish === undefined ? { text: '–', color: null }
          : { text: (bullish ? '▲ ' : '▼ ') + shortName(this.entry), color: bullish ? c.up : c.down });
        return;
      }
      const part = this.parts.find((p) => p.plot === plot);
      if (!part) return;
      const point = part.byTime.get(time);
      values.push(point && point.value !== undefined
        ? { text: name + part.api.priceFormatter().format(point.value), color: point.color || this.seriesColor(part) }
        : { text: name + '–', color: this.seriesColor(part) });
    });
    return values;
  }

  destroy() {
    this.parts.forEach((part) => this.host.chart.removeSeries(part.api));
    this.fills.forEach((fill) => this.host.chart.removeSeries(fill.api));
    this.parts = [];
    this.fills = [];
    this.host.markers.delete(this.study.id);
  }
}

/** Every study's candlestick-pattern markers on the candle series, in one plugin so they stack. */
export class MarkerLayer {
  constructor(candles) {
    this.plugin = LWC.createSeriesMarkers(candles, []);
    this.byStudy = new Map();
  }

  has(id) {
    return this.byStudy.has(id);
  }

  set(id, markers) {
    this.byStudy.set(id, markers);
    this.flush();
  }

  delete(id) {
    if (this.byStudy.delete(id)) this.flush();
  }

  count() {
    return this.plugin.markers().length;
  }

  flush() {
    this.plugin.setMarkers([...this.byStudy.values()].flat().sort((a, b) => a.time - b.time));
  }
}
