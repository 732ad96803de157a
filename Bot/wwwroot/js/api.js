// Talking to the server: reads /sandbox/api/state, posts button clicks to /sandbox/api/actions, and listens to
// /sandbox/api/events (server-sent events) to re-read the state when something changed, with the live indicator.

import { $, h } from './dom.js';
import { t } from './i18n.js';
import { ui } from './state.js';

const API = {
  state: 'sandbox/api/state',
  actions: 'sandbox/api/actions',
  events: 'sandbox/api/events',
};
const REFRESH_DEBOUNCE_MS = 100;
const RETRY_MS = 3000;

let fetching = false;
let refetch = false;
let refreshTimer = 0;
let retryTimer = 0;
let stateHandler = () => {};

/** Sets what runs with each state read: handler(data, fetchNumber). */
export function onState(handler) {
  stateHandler = handler;
}

/** Re-reads the state soon; several calls within the debounce window make one read. */
export function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = window.setTimeout(() => {
    refreshTimer = 0;
    refresh();
  }, REFRESH_DEBOUNCE_MS);
}

/** Reads the state now (or right after the read in flight); retries every few seconds while the server is down. */
export async function refresh() {
  if (fetching) {
    refetch = true;
    return;
  }
  fetching = true;
  const number = ++ui.fetchNumber;
  try {
    const response = await fetch(API.state, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    const data = await response.json();
    stateHandler(data, number);
  } catch (error) {
    setLive('offline');
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(refresh, RETRY_MS);
    if (!ui.data) {
      const view = $('view');
      view.replaceChildren(h('p', { class: 'empty error', text: `${t('stateFailed')}: ${error.message}` }));
    }
  } finally {
    fetching = false;
    if (refetch) {
      refetch = false;
      scheduleRefresh();
    }
  }
}

/**
 * Sends a button click. Resolves to { outcome: 'ok' | 'refused' | 'error', text } where text is the server's
 * message (or `label` when a success has none); never rejects.
 */
export async function postAction(body, label) {
  try {
    const response = await fetch(API.actions, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const payload = await response.json().catch(() => null);
    if (response.ok) return { outcome: 'ok', text: payload?.message || label };
    if (response.status === 403) return { outcome: 'refused', text: payload?.message || `${t('failed')} (403)` };
    return { outcome: 'error', text: `${t('failed')}: ${payload?.detail || payload?.title || payload?.message || response.status}` };
  } catch {
    return { outcome: 'error', text: `${t('failed')}: ${t('unreachable')}` };
  }
}

/** Listens for server-sent events; re-reads the state on each change and after every reconnect. */
export function connectEvents() {
  if (!('EventSource' in window)) return;
  let source = new EventSource(API.events);
  const attach = (es) => {
    es.addEventListener('open', () => setLive('connected'));
    es.addEventListener('hello', () => {
      setLive('connected');
      scheduleRefresh(); // after a reconnect, catch up on what was missed
    });
    es.addEventListener('changed', scheduleRefresh);
    es.addEventListener('error', () => {
      if (es.readyState === EventSource.CLOSED) {
        setLive('offline');
        window.setTimeout(() => {
          source = new EventSource(API.events);
          attach(source);
        }, RETRY_MS);
      } else {
        setLive('reconnecting');
      }
    });
  };
  attach(source);
}

/** The indicator at the top right: connecting, connected, reconnecting or offline. */
export function setLive(state) {
  const live = $('live');
  live.dataset.state = state;
  $('live-text').textContent = t({ connected: 'live', reconnecting: 'reconnecting', offline: 'offline' }[state] || 'connecting');
}
