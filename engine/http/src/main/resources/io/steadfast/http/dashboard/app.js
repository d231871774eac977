// Steadfast dashboard: a token form, a hash router and four pages (organisation, team, service, standards),
// each polled every 2 s and drawn again only when its data changed. Every piece of data reaches the page
// through textContent or setAttribute, never through HTML parsing.
'use strict';

(function () {
  const TOKEN_KEY = 'steadfast.token';
  const POLL_MS = 2000;
  // the trends show this many days: a year of hourly snapshots would be a megabyte every poll
  const TREND_DAYS = 30;
  const API = '/api/v1';
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const app = document.getElementById('app');
  const statusLine = document.getElementById('status');
  const signOut = document.getElementById('sign-out');

  let generation = 0;
  let timer = null;
  let lastPrint = null;

  // ---- DOM building (no HTML strings anywhere) ----

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
  }

  function svg(tag, attrs, ...children) {
    const el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
  }

  function setAttrs(el, attrs) {
    if (!attrs) {
      return;
    }
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (key === 'text') {
        el.textContent = String(value);
      } else if (key === 'test') {
        el.setAttribute('data-test', String(value));
      } else if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2), value);
      } else {
        el.setAttribute(key, String(value));
      }
    }
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) {
        continue;
      }
      el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  function link(route, text, attrs) {
    return h('a', Object.assign({ href: '#' + route }, attrs || {}), text);
  }

  const serviceRoute = (id) => '/service/' + encodeURIComponent(id);
  const teamRoute = (team) => '/team/' + encodeURIComponent(team);

  // ---- formatting ----

  function isNumber(x) {
    return typeof x === 'number' && Number.isFinite(x);
  }

  function fmtScore(x) {
    return isNumber(x) ? x.toFixed(1) : '—';
  }

  function fmtPoints(x) {
    return isNumber(x) ? x.toFixed(2) : '—';
  }

  function fmtSigned(x) {
    return isNumber(x) ? (x > 0 ? '+' : x < 0 ? '−' : '') + Math.abs(x).toFixed(1) : '—';
  }

  function fmtShare(x) {
    return isNumber(x) ? Math.round(x * 100) + '%' : '—';
  }

  function fmtNumber(x) {
    return isNumber(x) ? String(Math.round(x * 1000) / 1000) : '—';
  }

  function fmtTime(at) {
    if (!at) {
      return '—';
    }
    const d = new Date(at);
    if (Number.isNaN(d.getTime())) {
      return String(at);
    }
    return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function fmtClock(d) {
    return d.toISOString().slice(11, 19) + ' UTC';
  }

  // ISO-8601 durations as Java writes them (PT72H3M2.5S, P2DT3H, PT-5M) into "3d 0h", "5h 12m", "4m".
  function durationSeconds(iso) {
    const m = /^(-)?P(?:(-?\d+(?:\.\d+)?)D)?(?:T(?:(-?\d+(?:\.\d+)?)H)?(?:(-?\d+(?:\.\d+)?)M)?(?:(-?\d+(?:\.\d+)?)S)?)?$/
      .exec(String(iso));
    if (!m) {
      return null;
    }
    const n = (s) => (s ? parseFloat(s) : 0);
    const total = n(m[2]) * 86400 + n(m[3]) * 3600 + n(m[4]) * 60 + n(m[5]);
    return m[1] ? -total : total;
  }

  function fmtAge(iso) {
    if (!iso) {
      return '—';
    }
    const seconds = durationSeconds(iso);
    if (seconds === null) {
      return String(iso);
    }
    const s = Math.max(0, Math.floor(seconds));
    const days = Math.floor(s / 86400);
    const hours = Math.floor((s % 86400) / 3600);
    const minutes = Math.floor((s % 3600) / 60);
    if (days > 0) {
      return days + 'd ' + hours + 'h';
    }
    if (hours > 0) {
      return hours + 'h ' + minutes + 'm';
    }
    return minutes > 0 ? minutes + 'm' : '< 1m';
  }

  // good >= 70, fair 50..70, poor < 50 (DESIGN §4)
  function bandOf(score) {
    if (!isNumber(score)) {
      return 'none';
    }
    return score >= 70 ? 'good' : score >= 50 ? 'fair' : 'poor';
  }

  function bandLabel(band) {
    return band === 'none' || !band ? 'no data' : String(band);
  }

  function verdictBadge(verdict, test) {
    const v = verdict ? String(verdict) : 'NO_DATA';
    return h('span', { class: 'badge verdict verdict-' + v.toLowerCase().replace(/[^a-z_]/g, ''), test: test || 'verdict' },
      v.replace('_', ' '));
  }

  function bandBadge(band, test) {
    const b = band ? String(band).toLowerCase() : 'none';
    return h('span', { class: 'badge band band-' + b.replace(/[^a-z]/g, ''), test: test || 'band' }, bandLabel(b));
  }

  function statusBadge(status) {
    const s = status ? String(status) : 'NOT RUN';
    return h('span', { class: 'badge status status-' + s.toLowerCase().replace(/[^a-z]/g, '') }, s);
  }

  function scoreChip(score, test) {
    return h('span', { class: 'score-chip band-' + bandOf(score), test: test || 'score' }, fmtScore(score));
  }

  // ---- layout pieces ----

  function card(title, attrs, ...children) {
    return h('section', Object.assign({ class: 'card' }, attrs || {}), title ? h('h2', null, title) : null, children);
  }

  function table(columns, rows, attrs) {
    const head = h('thead', null, h('tr', null, columns.map((c) => h('th', { class: c.num ? 'num' : null }, c.label))));
    const body = h('tbody', null, rows.map((row) => {
      const tr = h('tr', row.attrs || null);
      for (const c of columns) {
        const value = c.cell(row.data);
        tr.appendChild(h('td', { class: c.num ? 'num' : null, 'data-col': c.key }, value));
      }
      return tr;
    }));
    return h('table', Object.assign({ class: 'table' }, attrs || {}), head, body);
  }

  function empty(text, test) {
    return h('p', { class: 'empty', test: test || null }, text);
  }

  function kv(pairs, attrs) {
    return h('dl', Object.assign({ class: 'kv' }, attrs || {}), pairs.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
  }

  // ---- charts (inline SVG) ----

  // A line chart of {t (ms), y (number or null)} points; a null y breaks the line (NO_DATA).
  function lineChart(points, opts) {
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

  function sparkline(history, test) {
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
  function thresholdGauge(score, thresholds) {
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

  function bandBar(bands) {
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

  // ---- API ----

  class AuthError extends Error {}

  class HttpError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** A service's history from TREND_DAYS ago: the score then, and every change since. */
  function historyPath(service) {
    const from = new Date(Date.now() - TREND_DAYS * 86400000).toISOString();
    return '/scores/' + enc(service) + '/history?from=' + encodeURIComponent(from);
  }

  async function api(path) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) {
      throw new AuthError('no token');
    }
    const response = await fetch(API + path, { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' }, cache: 'no-store' });
    if (response.status === 401) {
      throw new AuthError('the token was refused');
    }
    if (!response.ok) {
      let message = response.status + ' ' + response.statusText;
      try {
        const body = await response.json();
        if (body && (body.error || body.message)) {
          message = String(body.error || body.message);
        } else if (body && Array.isArray(body.errors)) {
          message = body.errors.map((e) => (e.field ? e.field + ': ' : '') + e.message).join('; ');
        }
      } catch (ignored) {
        // the status line says enough
      }
      throw new HttpError(response.status, message);
    }
    return response.json();
  }

  const enc = encodeURIComponent;

  // ---- pages ----

  function pageHeader(title, subtitle, extra) {
    return h('div', { class: 'page-header' },
      h('h1', { test: 'page-title' }, title),
      subtitle ? h('p', { class: 'subtitle', test: 'page-subtitle' }, subtitle) : null,
      extra || null);
  }

  function servicesTable(services, histories, test) {
    const columns = [
      { key: 'service', label: 'Service', cell: (s) => link(serviceRoute(s.service), s.name || s.service, { class: 'service-link', test: 'service-link' }) },
      { key: 'id', label: 'Id', cell: (s) => h('code', null, s.service) },
      { key: 'team', label: 'Team', cell: (s) => (s.team ? link(teamRoute(s.team), s.team, { test: 'team-link' }) : '—') },
      { key: 'tier', label: 'Tier', cell: (s) => s.tier || '—' },
      { key: 'score', label: 'Score', num: true, cell: (s) => scoreChip(s.score, 'service-score') },
      { key: 'band', label: 'Band', cell: (s) => bandBadge(s.band || bandOf(s.score), 'service-band') },
      { key: 'verdict', label: 'Verdict', cell: (s) => verdictBadge(s.verdict, 'service-verdict') },
      { key: 'standard', label: 'Standard', cell: (s) => s.standard || '—' },
      { key: 'meets', label: 'Meets standard', cell: (s) => (s.meetsStandard ? h('span', { class: 'yes' }, 'yes') : h('span', { class: 'no' }, 'no')) }
    ];
    if (histories) {
      columns.splice(5, 0, { key: 'trend', label: 'Trend', cell: (s) => sparkline(histories[s.service], 'sparkline') });
    }
    return table(columns, services.map((s) => ({ data: s, attrs: { test: 'service-row', 'data-service': s.service } })), { test: test });
  }

  function renderOrg(route, data) {
    const scores = data.scores;
    const services = scores.services || [];
    const bands = scores.bands || { good: 0, fair: 0, poor: 0 };
    const meeting = scores.meetingShare || [];
    const latestShare = meeting.length ? meeting[meeting.length - 1].share : null;
    const meetingNow = services.filter((s) => s.meetsStandard).length;

    const bandCards = h('div', { class: 'band-cards' }, ['good', 'fair', 'poor'].map((b) =>
      h('div', { class: 'band-card band-' + b, test: 'band-' + b },
        h('div', { class: 'band-count', test: 'band-' + b + '-count' }, String(isNumber(bands[b]) ? bands[b] : 0)),
        h('div', { class: 'band-name' }, b + (b === 'good' ? ' (≥ 70)' : b === 'fair' ? ' (50–70)' : ' (< 50)')))));

    const teams = scores.teams || [];
    const teamsTable = teams.length ? table([
      { key: 'team', label: 'Team', cell: (t) => link(teamRoute(t.team), t.team, { test: 'team-link' }) },
      { key: 'score', label: 'Rollup', num: true, cell: (t) => scoreChip(t.score, 'team-score') },
      { key: 'band', label: 'Band', cell: (t) => bandBadge(t.band || bandOf(t.score), 'team-band') },
      { key: 'services', label: 'Services', num: true, cell: (t) => String(Array.isArray(t.services) ? t.services.length : t.services) },
      { key: 'meeting', label: 'Meeting their standard', num: true, cell: (t) => fmtMeeting(t) }
    ], teams.map((t) => ({ data: t, attrs: { test: 'team-row', 'data-team': t.team } })), { test: 'teams-table' })
      : empty('No teams yet.');

    const drops = scores.biggestDrops || [];
    const dropsTable = drops.length ? table([
      { key: 'service', label: 'Service', cell: (d) => link(serviceRoute(d.service), nameOf(services, d.service), { test: 'service-link' }) },
      { key: 'team', label: 'Team', cell: (d) => (d.team ? link(teamRoute(d.team), d.team) : '—') },
      { key: 'from', label: 'From', num: true, cell: (d) => fmtScore(d.from) },
      { key: 'to', label: 'To', num: true, cell: (d) => fmtScore(d.to) },
      { key: 'delta', label: 'Change', num: true, cell: (d) => h('span', { class: 'delta-down', test: 'drop-delta' }, fmtSigned(d.delta)) }
    ], drops.map((d) => ({ data: d, attrs: { test: 'drop-row', 'data-service': d.service } })), { test: 'drops-table' })
      : empty('No service lost points in the last 7 days.', 'no-drops');

    return h('div', { class: 'page', test: 'org-page' },
      pageHeader('Organisation', services.length + ' services, ' + teams.length + ' teams; '
        + meetingNow + ' of ' + services.length + ' meet their standard'),
      h('div', { class: 'grid two' },
        card('Score distribution', { test: 'bands' }, bandCards, bandBar(bands)),
        card('Meeting their standard', { test: 'meeting' },
          h('p', { class: 'big', test: 'meeting-now' }, fmtShare(latestShare)),
          lineChart(meeting.map((m) => ({ t: Date.parse(m.at), y: isNumber(m.share) ? m.share * 100 : null })), {
            label: 'share of services meeting their standard over time', test: 'meeting-chart',
            yMin: 0, yMax: 100, ticks: [0, 25, 50, 75, 100], format: (v) => Math.round(v) + '%', height: 180
          }))),
      card('Teams', { test: 'teams' }, teamsTable),
      card('Biggest drops in the last 7 days', { test: 'drops' }, dropsTable),
      card('Services', { test: 'services' }, services.length ? servicesTable(services, null, 'services-table') : empty('No services registered.')));
  }

  // a team's "meeting" is how many of its services meet their standard (PASS or WARN)
  function fmtMeeting(t) {
    const total = Array.isArray(t.services) ? t.services.length : t.services;
    return (isNumber(t.meeting) ? t.meeting : '—') + ' of ' + (isNumber(total) ? total : '—');
  }

  function nameOf(services, id) {
    const found = services.find((s) => s.service === id);
    return found && found.name ? found.name : id;
  }

  function renderTeam(route, data) {
    const scores = data.scores;
    const services = scores.services || [];
    const rollup = (scores.teams || []).find((t) => t.team === route.team) || (scores.teams || [])[0];
    return h('div', { class: 'page', test: 'team-page' },
      pageHeader('Team ' + route.team, services.length + ' services'),
      h('div', { class: 'grid three' },
        card('Rollup', { test: 'team-rollup' },
          h('div', { class: 'score-big band-' + bandOf(rollup ? rollup.score : null), test: 'team-score' }, fmtScore(rollup ? rollup.score : null)),
          h('div', { class: 'badges' }, bandBadge(rollup ? rollup.band || bandOf(rollup.score) : 'none', 'team-band'))),
        card('Meeting their standard', { test: 'team-meeting' }, h('p', { class: 'big' }, rollup ? fmtMeeting(rollup) : '—')),
        card('Bands', { test: 'team-bands' }, kv(['good', 'fair', 'poor'].map((b) => [b, String((scores.bands || {})[b] || 0)])))),
      card('Services', { test: 'team-services' },
        services.length ? servicesTable(services, data.histories, 'team-services-table') : empty('This team has no services.')));
  }

  function verdictSentence(report) {
    const t = report.thresholds;
    const score = report.score;
    if (report.verdict === 'NO_DATA') {
      return 'No data: nothing could be scored yet.';
    }
    if (!t || !isNumber(score)) {
      return String(report.verdict);
    }
    if (report.verdict === 'PASS') {
      return fmtScore(score) + ' meets the pass threshold of ' + t.pass + '.';
    }
    if (report.verdict === 'WARN') {
      return fmtScore(score) + ' is below the pass threshold of ' + t.pass + ' and at or above the warn threshold of ' + t.warn + '.';
    }
    if (score < t.warn) {
      return fmtScore(score) + ' is below the warn threshold of ' + t.warn + '.';
    }
    return fmtScore(score) + ' clears the warn threshold of ' + t.warn + ', but the verdict fails: see the reasons.';
  }

  function instanceName(i) {
    return i.target ? i.test + ' → ' + i.target : i.test;
  }

  function renderService(route, data) {
    const report = data.report;
    const listing = data.listing || {};
    const history = data.history || [];
    const name = listing.name || report.service || route.service;
    const band = bandOf(report.score);

    const headline = card(null, { class: 'card headline band-edge-' + band, test: 'headline' },
      h('div', { class: 'headline-score' },
        h('div', { class: 'score-big band-' + band, test: 'score' }, fmtScore(report.score)),
        h('div', { class: 'score-of' }, '/ 100')),
      h('div', { class: 'headline-body' },
        h('div', { class: 'badges' }, verdictBadge(report.verdict), bandBadge(band)),
        h('p', { class: 'verdict-sentence', test: 'verdict-sentence' }, verdictSentence(report)),
        thresholdGauge(report.score, report.thresholds),
        kv([
          ['Standard', h('span', { test: 'standard' }, report.standard ? link('/standards', report.standard) : 'none matched')],
          ['Thresholds', h('span', { test: 'thresholds' }, report.thresholds
            ? 'pass ≥ ' + report.thresholds.pass + ', warn ≥ ' + report.thresholds.warn : '—')],
          ['Coverage', h('span', { test: 'coverage' }, fmtShare(report.coverage))],
          ['Version', report.version ? report.version + (report.versionSource ? ' (' + report.versionSource + ')' : '') : 'any']
        ]),
        (report.reasons || []).length
          ? h('ul', { class: 'reasons', test: 'reasons' }, report.reasons.map((r) => h('li', null, r))) : null));

    const trend = card('Trend, last ' + TREND_DAYS + ' days', { test: 'trend' },
      lineChart(history.map((p) => ({ t: Date.parse(p.at), y: p.score, note: p.verdict })), {
        label: 'score over time', test: 'trend-chart', yMin: 0, yMax: 100, ticks: [0, 50, 70, 100], format: (v) => (Number.isInteger(v) ? String(v) : fmtScore(v)),
        thresholds: report.thresholds ? [
          { value: report.thresholds.pass, kind: 'pass', label: 'pass ' + report.thresholds.pass },
          { value: report.thresholds.warn, kind: 'warn', label: 'warn ' + report.thresholds.warn }] : []
      }),
      h('p', { class: 'muted', test: 'history-count' }, history.length + ' snapshot' + (history.length === 1 ? '' : 's')));

    const categories = report.categories || [];
    // Under NO_DATA nothing counted: a category has no score and adds no points (the report's numbers are its defaults).
    const scored = report.verdict !== 'NO_DATA';
    const breakdown = card('Category breakdown', { test: 'categories' }, categories.length ? table([
      { key: 'category', label: 'Category', cell: (c) => c.category + (c.required ? ' (required)' : '') },
      { key: 'weight', label: 'Weight', num: true, cell: (c) => fmtNumber(c.weight) },
      { key: 'share', label: 'Share', num: true, cell: (c) => fmtShare(c.share) },
      { key: 'score', label: 'Category score', num: true, cell: (c) => scoreChip(scored ? c.score : null, 'category-score') },
      { key: 'points', label: 'Points', num: true, cell: (c) => h('span', { test: 'category-points' }, fmtPoints(scored ? c.points : null)) },
      { key: 'bar', label: '', cell: (c) => pointsBar(scored ? c.points : 0, c.share * 100) }
    ], categories.map((c) => ({ data: c, attrs: { test: 'category-row', 'data-category': c.category } })), { test: 'categories-table' })
      : empty('No category counts.'));

    const instances = report.instances || [];
    const instanceTable = card('Test instances', { test: 'instances' }, instances.length ? table([
      { key: 'test', label: 'Test', cell: (i) => h('span', null, instanceName(i), i.mustPass ? h('span', { class: 'tag must-pass' }, 'must pass') : null) },
      { key: 'category', label: 'Category', cell: (i) => i.category },
      { key: 'status', label: 'Status', cell: (i) => statusBadge(i.status) },
      { key: 'age', label: 'Age', num: true, cell: (i) => h('span', { title: i.finishedAt || '', test: 'instance-age' }, fmtAge(i.age)) },
      { key: 'fresh', label: 'Fresh', cell: (i) => (i.status ? (i.fresh ? 'yes' : h('span', { class: 'no' }, 'expired')) : '—') },
      { key: 'value', label: 'Value', num: true, cell: (i) => fmtNumber(i.value) },
      { key: 'points', label: 'Points', num: true, cell: (i) => h('span', { test: 'instance-points' }, fmtPoints(i.points)) },
      { key: 'note', label: 'Why', cell: (i) => h('span', { class: 'muted' }, [i.valueNote || '', i.waiverId ? ' waived (' + i.waiverId + ')' : '',
        (i.uncounted || []).length ? ' ' + i.uncounted.length + ' uncounted (' + i.uncounted.map((u) => u.status).join(', ') + ')' : ''].join('')) }
    ], instances.map((i) => ({ data: i, attrs: { test: 'instance-row', 'data-test-id': i.test, 'data-target': i.target || '', 'data-status': i.status || 'NOT_RUN' } })),
    { test: 'instances-table' }) : empty('No test instance applies.'));

    const actions = report.nextActions || [];
    const nextActions = card('Next actions', { test: 'next-actions' }, actions.length ? table([
      { key: 'test', label: 'Run', cell: (a) => instanceName(a) },
      { key: 'suite', label: 'Suite', cell: (a) => a.suite },
      { key: 'points', label: 'Points if passed', num: true, cell: (a) => h('span', { class: 'gain', test: 'action-points' }, '+' + fmtPoints(a.pointsIfPassed)) },
      { key: 'expiring', label: 'Expiry', cell: (a) => (a.expiringSoon ? h('span', { class: 'tag expiring' }, 'expires ' + fmtTime(a.expiresAt)) : a.expiresAt ? fmtTime(a.expiresAt) : '—') }
    ], actions.map((a) => ({ data: a, attrs: { test: 'action-row', 'data-test-id': a.test, 'data-target': a.target || '' } })), { test: 'actions-table' })
      : empty('Nothing left to gain: every instance is passed and fresh.'));

    const notApplicable = report.notApplicable || [];
    const naCard = notApplicable.length ? card('Not applicable', { test: 'not-applicable' },
      h('ul', null, notApplicable.map((n) => h('li', null, (n.test ? n.test + ' (' + n.category + ')' : 'category ' + n.category) + ': ' + n.reason))))
      : null;

    const subtitle = h('span', null, h('code', { test: 'service-id' }, report.service || route.service),
      listing.team ? [' · team ', link(teamRoute(listing.team), listing.team, { test: 'team-link' })] : null,
      listing.tier ? ' · ' + listing.tier : null);
    return h('div', { class: 'page', test: 'service-page' },
      h('div', { class: 'page-header' }, h('h1', { test: 'service-name' }, name), h('p', { class: 'subtitle' }, subtitle)),
      headline,
      h('div', { class: 'grid two' }, trend, breakdown),
      instanceTable,
      nextActions,
      naCard);
  }

  function pointsBar(points, max) {
    const width = 120;
    const bar = svg('svg', { class: 'points-bar', viewBox: '0 0 ' + width + ' 10', width: width, height: 10 });
    bar.appendChild(svg('rect', { class: 'points-max', x: 0, y: 0, width: width, height: 10 }));
    if (isNumber(points) && isNumber(max) && max > 0) {
      bar.appendChild(svg('rect', { class: 'points-got', x: 0, y: 0, width: Math.min(1, points / max) * width, height: 10 }));
    }
    return bar;
  }

  const STANDARD_KNOWN = ['id', 'suites', 'categoryWeights', 'testWeights', 'mustPass', 'requiredCategories', 'thresholds'];

  function weightsTable(weights, what, test) {
    const entries = Object.entries(weights || {});
    if (!entries.length) {
      return empty('All ' + what + ' weigh 1.');
    }
    return table([
      { key: 'name', label: what === 'categories' ? 'Category' : 'Test', cell: (e) => e[0] },
      { key: 'weight', label: 'Weight', num: true, cell: (e) => fmtNumber(e[1]) }
    ], entries.map((e) => ({ data: e })), { test: test });
  }

  function plain(value) {
    if (value === null || value === undefined) {
      return '—';
    }
    if (typeof value === 'object') {
      return Array.isArray(value) ? (value.length ? value.map(plain).join(', ') : 'none')
        : Object.entries(value).map(([k, v]) => k + ': ' + plain(v)).join(', ') || 'none';
    }
    return String(value);
  }

  function renderStandards(route, data) {
    const standards = Array.isArray(data.standards) ? data.standards : [];
    return h('div', { class: 'page', test: 'standards-page' },
      pageHeader('Standards', standards.length + ' standards'),
      standards.length ? standards.map((s) => {
        const t = s.thresholds || {};
        const others = Object.entries(s).filter(([k]) => !STANDARD_KNOWN.includes(k));
        return card(s.id, { class: 'card standard', test: 'standard', 'data-standard': s.id },
          h('div', { class: 'grid three' },
            h('div', null, h('h3', null, 'Thresholds'),
              h('p', { test: 'standard-thresholds' }, 'pass ≥ ' + plain(t.pass) + ', warn ≥ ' + plain(t.warn)),
              h('h3', null, 'Suites'), h('p', { test: 'standard-suites' }, plain(s.suites)),
              h('h3', null, 'Must pass'),
              (s.mustPass || []).length
                ? h('ul', { class: 'chips', test: 'standard-must-pass' }, s.mustPass.map((m) => h('li', { class: 'tag must-pass' }, m)))
                : h('p', { test: 'standard-must-pass' }, 'none'),
              h('h3', null, 'Required categories'), h('p', { test: 'standard-required' }, plain(s.requiredCategories))),
            h('div', null, h('h3', null, 'Category weights'), weightsTable(s.categoryWeights, 'categories', 'category-weights')),
            h('div', null, h('h3', null, 'Test weights'), weightsTable(s.testWeights, 'tests', 'test-weights'))),
          others.length ? h('details', null, h('summary', null, 'Other settings'), kv(others.map(([k, v]) => [k, plain(v)]))) : null);
      }) : empty('No standards loaded.'));
  }

  function renderError(error) {
    const text = error instanceof HttpError && error.status === 404 ? 'Not found: ' + error.message : 'Could not load this page: ' + error.message;
    return h('div', { class: 'page' }, card('Something went wrong', { class: 'card error', test: 'error' }, h('p', null, text)));
  }

  const pages = {
    org: {
      title: () => 'Organisation',
      load: async () => ({ scores: await api('/scores') })
    },
    team: {
      title: (r) => 'Team ' + r.team,
      load: async (r) => {
        const scores = await api('/scores?team=' + enc(r.team));
        const histories = {};
        await Promise.all((scores.services || []).map(async (s) => {
          histories[s.service] = await api(historyPath(s.service)).catch(() => []);
        }));
        return { scores, histories };
      }
    },
    service: {
      title: (r) => r.service,
      load: async (r) => {
        const [report, history, all] = await Promise.all([
          api('/scores/' + enc(r.service)),
          api(historyPath(r.service)),
          api('/scores').catch((e) => {
            if (e instanceof AuthError) {
              throw e;
            }
            return null;
          })]);
        const listing = all && all.services ? all.services.find((s) => s.service === r.service) || null : null;
        return { report, history, listing };
      }
    },
    standards: {
      title: () => 'Standards',
      load: async () => ({ standards: await api('/standards') })
    }
  };

  const renderers = { org: renderOrg, team: renderTeam, service: renderService, standards: renderStandards };

  // ---- router and polling ----

  function parseRoute() {
    let parts;
    try {
      parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    } catch (ignored) {
      parts = [];
    }
    if (parts[0] === 'team' && parts[1]) {
      return { page: 'team', team: parts[1] };
    }
    if (parts[0] === 'service' && parts[1]) {
      return { page: 'service', service: parts[1] };
    }
    if (parts[0] === 'standards') {
      return { page: 'standards' };
    }
    return { page: 'org' };
  }

  // What moves with the clock alone (the report's "at", each instance's age, the newest point of the
  // meeting share, stamped "now") is left out, so that a page is drawn again only when what it shows
  // changed; ages are brought up to date in place (touchAges), without replacing any element.
  function fingerprint(data) {
    return JSON.stringify(data, function (key, value) {
      if (key === 'at' && this && this.schemaVersion !== undefined) {
        return undefined;
      }
      if (key === 'age') {
        return undefined;
      }
      if (key === 'meetingShare' && Array.isArray(value) && value.length) {
        return value.slice(0, -1).concat([{ share: value[value.length - 1].share }]);
      }
      return value;
    });
  }

  function touchAges(data) {
    const instances = data && data.report && Array.isArray(data.report.instances) ? data.report.instances : [];
    const cells = app.querySelectorAll('[data-test="instance-age"]');
    instances.forEach((instance, i) => {
      const text = fmtAge(instance.age);
      if (cells[i] && cells[i].textContent !== text) {
        cells[i].textContent = text;
      }
    });
  }

  function setStatus(text, kind) {
    statusLine.textContent = text;
    statusLine.className = 'status' + (kind ? ' status-' + kind : '');
  }

  async function refresh(gen, first) {
    const route = parseRoute();
    const page = pages[route.page];
    try {
      const data = await page.load(route);
      if (gen !== generation) {
        return;
      }
      const print = fingerprint(data);
      if (print !== lastPrint) {
        lastPrint = print;
        app.replaceChildren(renderers[route.page](route, data));
        app.setAttribute('data-updated', String(Date.now()));
        setStatus('Live · updated ' + fmtClock(new Date()), 'live');
      } else {
        touchAges(data);
        setStatus('Live · checked ' + fmtClock(new Date()), 'live');
      }
    } catch (error) {
      if (gen !== generation) {
        return;
      }
      if (error instanceof AuthError) {
        sessionStorage.removeItem(TOKEN_KEY);
        showLogin(error.message === 'no token' ? null : 'The token was refused (401); enter another.');
        return;
      }
      if (first || (lastPrint && lastPrint.startsWith('error:')) || (error instanceof HttpError && error.status === 404)) {
        lastPrint = 'error:' + error.message;
        app.replaceChildren(renderError(error));
      }
      setStatus('Not updated: ' + error.message, 'error');
    }
    if (gen === generation) {
      timer = setTimeout(() => refresh(gen, false), POLL_MS);
    }
  }

  function highlightNav(route) {
    for (const a of document.querySelectorAll('#nav a')) {
      a.classList.toggle('active', a.getAttribute('data-nav') === route.page);
    }
  }

  function navigate() {
    generation += 1;
    clearTimeout(timer);
    lastPrint = null;
    if (!sessionStorage.getItem(TOKEN_KEY)) {
      showLogin(null);
      return;
    }
    const route = parseRoute();
    document.title = pages[route.page].title(route) + ' · Steadfast';
    highlightNav(route);
    signOut.hidden = false;
    app.replaceChildren(h('p', { class: 'loading', test: 'loading' }, 'Loading…'));
    refresh(generation, true);
  }

  function showLogin(message) {
    generation += 1;
    clearTimeout(timer);
    lastPrint = null;
    signOut.hidden = true;
    setStatus('', null);
    document.title = 'Sign in · Steadfast';
    const input = h('input', { id: 'token-input', name: 'token', type: 'password', autocomplete: 'off', required: 'required',
      placeholder: 'paste a token', test: 'token-input', 'aria-label': 'API token' });
    const form = h('form', { id: 'token-form', class: 'card login', test: 'token-form' },
      h('h2', null, 'Sign in'),
      h('p', null, 'Paste an API token (', h('code', null, 'steadfast tokens create --role viewer'), '). It is kept for this tab only.'),
      message ? h('p', { class: 'error-text', test: 'token-error' }, message) : null,
      h('div', { class: 'row' }, input, h('button', { type: 'submit', test: 'token-submit' }, 'Open dashboard')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const token = input.value.trim();
      if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
        navigate();
      }
    });
    app.replaceChildren(form);
    input.focus();
  }

  // #token=T (and optionally &next=/service/x) for scripted use: kept, then taken out of the address bar.
  // It never replaces the token of a signed-in tab unasked: a link could otherwise sign the tab in as
  // someone else.
  function takeTokenFromHash() {
    const hash = location.hash.replace(/^#/, '');
    if (!hash.startsWith('token=')) {
      return;
    }
    const params = new URLSearchParams(hash);
    const token = params.get('token');
    const current = sessionStorage.getItem(TOKEN_KEY);
    if (token && (!current || (token !== current
        && window.confirm('This address carries another API token. Sign out and sign in with it instead?')))) {
      sessionStorage.setItem(TOKEN_KEY, token);
    }
    const next = params.get('next');
    history.replaceState(null, '', location.pathname + location.search + '#' + (next && next.startsWith('/') ? next : '/'));
  }

  signOut.addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin('Signed out.');
  });
  window.addEventListener('hashchange', () => {
    takeTokenFromHash();
    navigate();
  });
  takeTokenFromHash();
  navigate();
}());
