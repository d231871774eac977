// A service's page: its score and verdict against the thresholds and why, its trend, the category
// breakdown, every test instance, the next actions that would raise the score, what does not apply.

import { api, AuthError, enc, historyPath, TREND_DAYS } from '../api.js';
import { lineChart, pointsBar, thresholdGauge } from '../charts.js';
import { card, empty, h, kv, link, table, teamRoute } from '../dom.js';
import {
  bandBadge, bandOf, fmtAge, fmtNumber, fmtPoints, fmtScore, fmtShare, fmtTime, isNumber, scoreChip, statusBadge, verdictBadge
} from '../format.js';

export const service = {
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
  },
  render: renderService
};

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
