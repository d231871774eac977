// Steadfast dashboard: a token form, a hash router and four pages (organisation, team, service, standards,
// each a module under js/pages/), each polled every 2 s and drawn again only when its data changed. Every
// piece of data reaches the page through textContent or setAttribute, never through HTML parsing (js/dom.js).

import { AuthError, forgetToken, HttpError, keepToken, storedToken } from './js/api.js';
import { card, h } from './js/dom.js';
import { fmtAge, fmtClock } from './js/format.js';
import { org } from './js/pages/org.js';
import { service } from './js/pages/service.js';
import { standards } from './js/pages/standards.js';
import { team } from './js/pages/team.js';

const POLL_MS = 2000;

const app = document.getElementById('app');
const statusLine = document.getElementById('status');
const signOut = document.getElementById('sign-out');

let generation = 0;
let timer = null;
let lastPrint = null;

const pages = { org, team, service, standards };

function renderError(error) {
  const text = error instanceof HttpError && error.status === 404 ? 'Not found: ' + error.message : 'Could not load this page: ' + error.message;
  return h('div', { class: 'page' }, card('Something went wrong', { class: 'card error', test: 'error' }, h('p', null, text)));
}

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
      app.replaceChildren(page.render(route, data));
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
      forgetToken();
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
  if (!storedToken()) {
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
      keepToken(token);
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
  const current = storedToken();
  if (token && (!current || (token !== current
      && window.confirm('This address carries another API token. Sign out and sign in with it instead?')))) {
    keepToken(token);
  }
  const next = params.get('next');
  history.replaceState(null, '', location.pathname + location.search + '#' + (next && next.startsWith('/') ? next : '/'));
}

signOut.addEventListener('click', () => {
  forgetToken();
  showLogin('Signed out.');
});
window.addEventListener('hashchange', () => {
  takeTokenFromHash();
  navigate();
});
takeTokenFromHash();
navigate();
