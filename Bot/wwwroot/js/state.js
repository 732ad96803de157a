// What the page knows: the last server state, the person acting, what was typed, and the cached DOM views.

export const TIMELINE = 'timeline';
export const DEFAULT_CHANNEL = '#cm-alerts';
export const DEFAULT_PERSON = 'camille';

/** localStorage under a `cmbot.` prefix; silently does nothing where storage is unavailable. */
export const storage = {
  get(key) {
    try { return window.localStorage.getItem('cmbot.' + key); } catch { return null; }
  },
  set(key, value) {
    try { window.localStorage.setItem('cmbot.' + key, value); } catch { /* private mode: ignore */ }
  },
};

function readLastSeen() {
  try { return JSON.parse(storage.get('lastSeen') || '{}') || {}; } catch { return {}; }
}

export const ui = {
  /** The last /sandbox/api/state answer, null until the first one arrives. */
  data: null,
  view: storage.get('view') || DEFAULT_CHANNEL,
  personId: storage.get('actingAs') || DEFAULT_PERSON,
  peopleSignature: '',
  /** `${messageId}|${inputId}` -> { value, base }: what the person typed, and the server value it started from. */
  edits: new Map(),
  /** messageId -> fetch number after which the card's edits are dropped (the action succeeded). */
  resetAfter: new Map(),
  pending: new Set(),
  collapsed: new Set(),
  cardViews: new Map(),
  messageViews: new Map(),
  postViews: new Map(),
  lastSeen: readLastSeen(),
  /** How many state reads have started; the number of the latest one. */
  fetchNumber: 0,
};

let renderPage = () => {};

/** app.js installs the page renderer here, so views can ask for a redraw without importing render.js. */
export function setRenderer(renderer) {
  renderPage = renderer;
}

/** Redraws the whole page from ui.data. */
export function render() {
  renderPage();
}
