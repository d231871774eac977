// Building the page's elements: every piece of data reaches the page through textContent or
// setAttribute, never through HTML parsing (no HTML strings anywhere). Also the layout pieces
// the pages share (cards, tables, key-value lists, page headers) and the links between pages.

const SVG_NS = 'http://www.w3.org/2000/svg';

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function svg(tag, attrs, ...children) {
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

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function link(route, text, attrs) {
  return h('a', Object.assign({ href: '#' + route }, attrs || {}), text);
}

export const serviceRoute = (id) => '/service/' + encodeURIComponent(id);
export const teamRoute = (team) => '/team/' + encodeURIComponent(team);

// ---- layout pieces ----

export function card(title, attrs, ...children) {
  return h('section', Object.assign({ class: 'card' }, attrs || {}), title ? h('h2', null, title) : null, children);
}

export function table(columns, rows, attrs) {
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

export function empty(text, test) {
  return h('p', { class: 'empty', test: test || null }, text);
}

export function kv(pairs, attrs) {
  return h('dl', Object.assign({ class: 'kv' }, attrs || {}), pairs.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

export function pageHeader(title, subtitle, extra) {
  return h('div', { class: 'page-header' },
    h('h1', { test: 'page-title' }, title),
    subtitle ? h('p', { class: 'subtitle', test: 'page-subtitle' }, subtitle) : null,
    extra || null);
}
