// The shaded area between two series of a study (a catalogue entry's `fills`): a lightweight-charts
// custom series whose points are { time, a, b }. Where a is above b the area takes `upColor`, where
// below `downColor`, split exactly where the two lines cross, so an Ichimoku cloud changes colour
// where its spans cross and a channel is one band.

/** The custom series' pane view (lightweight-charts' ICustomSeriesPaneView). */
export class FillSeries {
  constructor() {
    this.data = null;
    this.options = null;
  }

  renderer() {
    return { draw: (target, toY) => this.draw(target, toY) };
  }

  update(data, options) {
    this.data = data;
    this.options = options;
  }

  /** What the price scale fits and the crosshair reads: both edges. */
  priceValueBuilder(point) {
    return [point.a, point.b, point.b];
  }

  isWhitespace(point) {
    return point.a === undefined || point.b === undefined;
  }

  defaultOptions() {
    return {
      color: 'transparent', upColor: 'rgba(41,98,255,.12)', downColor: 'rgba(239,83,80,.15)',
      lastValueVisible: false, priceLineVisible: false,
    };
  }

  draw(target, toY) {
    const data = this.data;
    if (!data || !data.visibleRange || data.bars.length < 2) return;
    target.useBitmapCoordinateSpace(({ context, horizontalPixelRatio: hr, verticalPixelRatio: vr }) => {
      // One path per colour, filled once: adjacent pieces share edges without seams.
      const up = new Path2D();
      const down = new Path2D();
      const from = Math.max(1, data.visibleRange.from);
      const to = Math.min(data.bars.length - 1, data.visibleRange.to + 1);
      for (let i = from; i <= to; i++) {
        const p = data.bars[i - 1];
        const q = data.bars[i];
        // Whitespace (a gap in either series) breaks the area.
        if (!q || q.time - p.time > 1 || this.isWhitespace(p.originalData) || this.isWhitespace(q.originalData)) continue;
        const x0 = p.x * hr;
        const x1 = q.x * hr;
        const a0 = toY(p.originalData.a) * vr;
        const b0 = toY(p.originalData.b) * vr;
        const a1 = toY(q.originalData.a) * vr;
        const b1 = toY(q.originalData.b) * vr;
        const d0 = p.originalData.a - p.originalData.b;
        const d1 = q.originalData.a - q.originalData.b;
        if ((d0 >= 0) === (d1 >= 0)) {
          quad(d0 >= 0 ? up : down, x0, a0, b0, x1, a1, b1);
        } else {
          // The lines cross between the two points: a triangle of each colour.
          const t = d0 / (d0 - d1);
          const xc = x0 + (x1 - x0) * t;
          const yc = a0 + (a1 - a0) * t;
          triangle(d0 >= 0 ? up : down, x0, a0, b0, xc, yc);
          triangle(d1 >= 0 ? up : down, x1, a1, b1, xc, yc);
        }
      }
      context.fillStyle = this.options.upColor;
      context.fill(up);
      context.fillStyle = this.options.downColor;
      context.fill(down);
    });
  }
}

function quad(path, x0, a0, b0, x1, a1, b1) {
  path.moveTo(x0, a0);
  path.lineTo(x1, a1);
  path.lineTo(x1, b1);
  path.lineTo(x0, b0);
  path.closePath();
}

function triangle(path, x, a, b, xc, yc) {
  path.moveTo(x, a);
  path.lineTo(xc, yc);
  path.lineTo(x, b);
  path.closePath();
}
