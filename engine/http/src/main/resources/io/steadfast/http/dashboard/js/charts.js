// The charts, as inline SVG: the trend line, the sparkline, the threshold gauge, the band bar and
// the points bar.

import { append, svg } from './dom.js';
import { bandOf, fmtClock, fmtScore, fmtTime, isNumber } from './format.js';

// A line chart of {t (ms), y (number or null)} points; a null y breaks the line (NO_DATA).
export function lineChart(points, opts) {
  const width = opts.width || 640;
  const height = opts.height || 220;
  const pad = { left: 44, right: 16, top: 12, bottom: 28 };
  const yMin = opts.yMin;
  const yMax = opts.yMax;
  const chart = svg('svg', {
    class: 'chart', viewBox: '0 0 ' + width + ' ' + height, preserveAspectRatio: 'xMidYMid meet',
    role: 'img', 'aria-label': opts.label, test: opts.test
  });
  chart.appendChild(svg('title', null, opts.label));
  const times = points.map((p) => p.t).filter(isNumber);
  const tMin = times.length ? Math.min(...times) : 0;
  const tMax = times.length ? Math.max(...times) : 1;
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const x = (t) => pad.left + (tMax === tMin ? innerW / 2 : ((t - tMin) / (tMax - tMin)) * innerW);
  const y = (v) => pad.top + innerH - ((Math.min(Math.max(v, yMin), yMax) - yMin) / (yMax - yMin)) * innerH;

  for (const tick of opts.ticks) {
    chart.appendChild(svg('line', { class: 'gridline', x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick) }));
    chart.appendChild(svg('text', { class: 'axis', x: pad.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, opts.format(tick)));
  }
  for (const line of opts.thresholds || []) {
    if (!isNumber(line.value)) {
      continue;
    }
    chart.appendChild(svg('line', {
      class: 'threshold threshold-' + line.kind, x1: pad.left, x2: width - pad.right, y1: y(line.value), y2: y(line.value),
      test: 'threshold-' + line.kind
    }));
    chart.appendChild(svg('text', { class: 'threshold-label', x: width - pad.right, y: y(line.value) - 4, 'text-anchor': 'end' },
      line.label));
  }
  if (times.length) {
    const axisTime = tMax - tMin < 3600 * 1000 ? (t) => fmtClock(new Date(t)) : fmtTime;
    chart.appendChild(svg('text', { class: 'axis', x: pad.left, y: height - 8, 'text-anchor': 'start' }, axisTime(tMin)));
    if (tMax !== tMin) {
      chart.appendChild(svg('text', { class: 'axis', x: width - pad.right, y: height - 8, 'text-anchor': 'end' }, axisTime(tMax)));
    }
  }
  let d = '';
  let pen = false;
  const dots = [];
  for (const p of points) {
    if (!isNumber(p.y) || !isNumber(p.t)) {
      pen = false;
      continue;
    }
    d += (pen ? ' L ' : (d ? ' M ' : 'M ')) + x(p.t).toFixed(1) + ' ' + y(p.y).toFixed(1);
    pen = true;
    dots.push(svg('circle', { class: 'dot', cx: x(p.t).toFixed(1), cy: y(p.y).toFixed(1), r: 3.5 },
      svg('title', null, fmtTime(p.t) + ': ' + opts.format(p.y) + (p.note ? ' ' + p.note : ''))));
  }
  if (d) {
    chart.appendChild(svg('path', { class: 'line', d: d, fill: 'none', test: opts.test + '-line' }));
  }
  append(chart, dots);
  if (!d) {
    chart.appendChild(svg('text', { class: 'axis', x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no data yet'));
  }
  return chart;
}

export function sparkline(history, test) {
  const width = 120;
  const height = 28;
  const points = (history || []).filter((p) => isNumber(p.score));
  const chart = svg('svg', { class: 'sparkline', viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, test: test });
  if (!points.length) {
    chart.appendChild(svg('text', { class: 'axis', x: 0, y: 18 }, 'no history'));
    return chart;
  }
  const x = (i) => (points.length === 1 ? width / 2 : 2 + (i / (points.length - 1)) * (width - 4));
  const y = (v) => 2 + (1 - v / 100) * (height - 4);
  const d = points.map((p, i) => (i ? 'L ' : 'M ') + x(i).toFixed(1) + ' ' + y(p.score).toFixed(1)).join(' ');
  const last = points[points.length - 1];
  chart.appendChild(svg('title', null, 'score history: ' + points.map((p) => fmtScore(p.score)).join(' → ')));
  chart.appendChild(svg('path', { class: 'line band-stroke-' + bandOf(last.score), d: d, fill: 'none' }));
  chart.appendChild(svg('circle', { class: 'dot', cx: x(points.length - 1).toFixed(1), cy: y(last.score).toFixed(1), r: 2.5 }));
  return chart;
}

// Where the score sits against the warn and pass thresholds, on a 0..100 bar.
export function thresholdGauge(score, thresholds) {
  const width = 320;
  const height = 34;
  const x = (v) => 4 + (Math.min(Math.max(v, 0), 100) / 100) * (width - 8);
  const gauge = svg('svg', { class: 'gauge', viewBox: '0 0 ' + width + ' ' + height, test: 'gauge' },
    svg('title', null, 'score against the thresholds'));
  const warn = thresholds && isNumber(thresholds.warn) ? thresholds.warn : null;
  const pass = thresholds && isNumber(thresholds.pass) ? thresholds.pass : null;
  const zones = [[0, warn === null ? 100 : warn, 'zone-fail']];
  if (warn !== null) {
    zones.push([warn, pass === null ? 100 : pass, 'zone-warn']);
  }
  if (pass !== null) {
    zones.push([pass, 100, 'zone-pass']);
  }
  for (const [from, to, cls] of zones) {
    gauge.appendChild(svg('rect', { class: cls, x: x(from), y: 8, width: Math.max(0, x(to) - x(from)), height: 10 }));
  }
  for (const [v, label] of [[warn, 'warn ' + warn], [pass, 'pass ' + pass]]) {
    if (v !== null) {
      gauge.appendChild(svg('text', { class: 'axis', x: x(v), y: 32, 'text-anchor': 'middle' }, label));
    }
  }
  if (isNumber(score)) {
    gauge.appendChild(svg('path', { class: 'marker', d: 'M ' + x(score) + ' 20 l -5 -14 l 10 0 z' },
      svg('title', null, 'score ' + fmtScore(score))));
  }
  return gauge;
}

export function bandBar(bands) {
  const width = 600;
  const height = 26;
  const order = ['good', 'fair', 'poor'];
  const total = order.reduce((sum, b) => sum + (isNumber(bands[b]) ? bands[b] : 0), 0);
  const bar = svg('svg', { class: 'band-bar', viewBox: '0 0 ' + width + ' ' + height, test: 'band-bar' },
    svg('title', null, 'services by band'));
  let at = 0;
  for (const b of order) {
    const n = isNumber(bands[b]) ? bands[b] : 0;
    if (!total || !n) {
      continue;
    }
    const w = (n / total) * width;
    bar.appendChild(svg('rect', { class: 'band-fill-' + b, x: at, y: 0, width: w, height: height, test: 'band-bar-' + b },
      svg('title', null, b + ': ' + n)));
    at += w;
  }
  if (!total) {
    bar.appendChild(svg('rect', { class: 'band-fill-none', x: 0, y: 0, width: width, height: height }));
  }
  return bar;
}

export function pointsBar(points, max) {
  const width = 120;
  const bar = svg('svg', { class: 'points-bar', viewBox: '0 0 ' + width + ' 10', width: width, height: 10 });
  bar.appendChild(svg('rect', { class: 'points-max', x: 0, y: 0, width: width, height: 10 }));
  if (isNumber(points) && isNumber(max) && max > 0) {
    bar.appendChild(svg('rect', { class: 'points-got', x: 0, y: 0, width: Math.min(1, points / max) * width, height: 10 }));
  }
  return bar;
}
