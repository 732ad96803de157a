// CmBot sandbox page: renders the sandbox channels from /sandbox/api/state, sends button clicks to
// /sandbox/api/actions and re-reads the state when /sandbox/api/events says something changed.
// Everything that comes from the server (cards, mentions, names) is inserted as text through DOM APIs only.
//
// Where things are (js/):
//   api.js      state reads, action posts, server-sent events and the live indicator
//   state.js    what the page knows (ui), localStorage, the redraw hook
//   i18n.js     English/French words, the current language, date formatting
//   render.js   draws the whole page from the state
//   sidebar.js  person picker, channel list, unread counts, switching views
//   views.js    a channel's messages and threads, the public timeline
//   cards.js    card DOM, typed text and caret kept across re-renders
//   actions.js  card buttons (pending state, outcome)
//   toast.js    the outcome notice
//   dom.js      element creation, safe links, avatars

import { connectEvents, onState, refresh, setLive } from './js/api.js';
import { dropSettledEdits } from './js/cards.js';
import { $ } from './js/dom.js';
import { setLanguage } from './js/i18n.js';
import { renderPage } from './js/render.js';
import { selectView, updateAvatar } from './js/sidebar.js';
import { render, setRenderer, storage, TIMELINE, ui } from './js/state.js';
import { hideToast } from './js/toast.js';

setRenderer(renderPage);

onState((data, number) => {
  ui.data = data;
  setLanguage(data.language);
  dropSettledEdits(number);
  render();
});

function start() {
  $('acting-as').addEventListener('change', (event) => {
    ui.personId = event.target.value;
    storage.set('actingAs', ui.personId);
    updateAvatar(ui.data?.people?.find((p) => p.id === ui.personId));
  });
  document.querySelector('[data-channel="timeline"]').addEventListener('click', () => selectView(TIMELINE));
  $('toast-close').addEventListener('click', hideToast);
  setLive('connecting');
  connectEvents();
  refresh();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
