// The organisation page: services by band, the share meeting their standard over time, the teams,
// the biggest drops of the last 7 days and every service.

import { api } from '../api.js';
import { bandBar, lineChart } from '../charts.js';
import { card, empty, h, link, pageHeader, serviceRoute, table, teamRoute } from '../dom.js';
import { bandBadge, bandOf, fmtMeeting, fmtScore, fmtShare, fmtSigned, isNumber, scoreChip } from '../format.js';
import { servicesTable } from './services-table.js';

export const org = {
  title: () => 'Organisation',
  load: async () => ({ scores: await api('/scores') }),
  render: renderOrg
};

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

function nameOf(services, id) {
  const found = services.find((s) => s.service === id);
  return found && found.name ? found.name : id;
}
