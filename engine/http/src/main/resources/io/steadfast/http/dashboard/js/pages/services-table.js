// The table of services the organisation and team pages share; the team page adds a trend column.

import { sparkline } from '../charts.js';
import { h, link, serviceRoute, table, teamRoute } from '../dom.js';
import { bandBadge, bandOf, scoreChip, verdictBadge } from '../format.js';

export function servicesTable(services, histories, test) {
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
