// A team's page: its rollup, how many of its services meet their standard, its bands, and its
// services each with a trend.

import { api, enc, historyPath } from '../api.js';
import { card, empty, h, kv, pageHeader } from '../dom.js';
import { bandBadge, bandOf, fmtMeeting, fmtScore } from '../format.js';
import { servicesTable } from './services-table.js';

export const team = {
  title: (r) => 'Team ' + r.team,
  load: async (r) => {
    const scores = await api('/scores?team=' + enc(r.team));
    const histories = {};
    await Promise.all((scores.services || []).map(async (s) => {
      histories[s.service] = await api(historyPath(s.service)).catch(() => []);
    }));
    return { scores, histories };
  },
  render: renderTeam
};

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
