// Draws the whole page from the last server state: labels in the server's language, brand, people picker,
// channel list and the main pane, keeping the caret in the field being typed into.

import { setLive } from './api.js';
import { captureFocus, restoreFocus } from './cards.js';
import { $ } from './dom.js';
import { currentLanguage, t } from './i18n.js';
import { markSeen, renderPeople, renderSidebar } from './sidebar.js';
import { DEFAULT_CHANNEL, TIMELINE, ui } from './state.js';
import { forgetStaleViews, renderChannel, renderTimeline } from './views.js';

export function renderPage() {
  const data = ui.data;
  if (!data) return;
  document.documentElement.lang = currentLanguage();
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  $('toast-close').setAttribute('aria-label', t('dismiss'));
  $('sidebar').setAttribute('aria-label', t('channels'));
  const brand = $('brand');
  brand.textContent = data.brand || '';
  brand.hidden = !data.brand;
  document.title = data.brand ? `CmBot sandbox · ${data.brand}` : 'CmBot sandbox';
  setLive($('live').dataset.state); // re-translate the indicator

  const channels = data.channels || [];
  if (ui.view !== TIMELINE && !channels.some((c) => c.name === ui.view)) {
    ui.view = channels.some((c) => c.name === DEFAULT_CHANNEL) ? DEFAULT_CHANNEL : (channels[0]?.name || TIMELINE);
  }
  renderPeople(data.people || []);
  markSeen();
  renderSidebar(channels, data.timeline || []);

  const focus = captureFocus();
  if (ui.view === TIMELINE) renderTimeline(data.timeline || []);
  else renderChannel(channels.find((c) => c.name === ui.view));
  restoreFocus(focus);
  forgetStaleViews(channels, data.timeline || []);
}
