// The standards page: each standard's thresholds, suites, must-pass tests, required categories and
// weights, and any other setting as plain text.

import { api } from '../api.js';
import { card, empty, h, kv, pageHeader, table } from '../dom.js';
import { fmtNumber } from '../format.js';

export const standards = {
  title: () => 'Standards',
  load: async () => ({ standards: await api('/standards') }),
  render: renderStandards
};

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
