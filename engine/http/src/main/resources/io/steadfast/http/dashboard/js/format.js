// Numbers, times, ages, bands and verdicts as the pages show them.

import { h } from './dom.js';

export function isNumber(x) {
  return typeof x === 'number' && Number.isFinite(x);
}

export function fmtScore(x) {
  return isNumber(x) ? x.toFixed(1) : '—';
}

export function fmtPoints(x) {
  return isNumber(x) ? x.toFixed(2) : '—';
}

export function fmtSigned(x) {
  return isNumber(x) ? (x > 0 ? '+' : x < 0 ? '−' : '') + Math.abs(x).toFixed(1) : '—';
}

export function fmtShare(x) {
  return isNumber(x) ? Math.round(x * 100) + '%' : '—';
}

export function fmtNumber(x) {
  return isNumber(x) ? String(Math.round(x * 1000) / 1000) : '—';
}

export function fmtTime(at) {
  if (!at) {
    return '—';
  }
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) {
    return String(at);
  }
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function fmtClock(d) {
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

export function fmtAge(iso) {
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
export function bandOf(score) {
  if (!isNumber(score)) {
    return 'none';
  }
  return score >= 70 ? 'good' : score >= 50 ? 'fair' : 'poor';
}

function bandLabel(band) {
  return band === 'none' || !band ? 'no data' : String(band);
}

export function verdictBadge(verdict, test) {
  const v = verdict ? String(verdict) : 'NO_DATA';
  return h('span', { class: 'badge verdict verdict-' + v.toLowerCase().replace(/[^a-z_]/g, ''), test: test || 'verdict' },
    v.replace('_', ' '));
}

export function bandBadge(band, test) {
  const b = band ? String(band).toLowerCase() : 'none';
  return h('span', { class: 'badge band band-' + b.replace(/[^a-z]/g, ''), test: test || 'band' }, bandLabel(b));
}

export function statusBadge(status) {
  const s = status ? String(status) : 'NOT RUN';
  return h('span', { class: 'badge status status-' + s.toLowerCase().replace(/[^a-z]/g, '') }, s);
}

export function scoreChip(score, test) {
  return h('span', { class: 'score-chip band-' + bandOf(score), test: test || 'score' }, fmtScore(score));
}

// a team's "meeting" is how many of its services meet their standard (PASS or WARN)
export function fmtMeeting(t) {
  const total = Array.isArray(t.services) ? t.services.length : t.services;
  return (isNumber(t.meeting) ? t.meeting : '—') + ' of ' + (isNumber(total) ? total : '—');
}
