// The person picker at the top right and the channel list on the left, with unread counts and view switching.

import { h, hue, initials, $ } from './dom.js';
import { currentLanguage, t } from './i18n.js';
import { DEFAULT_PERSON, render, storage, TIMELINE, ui } from './state.js';

/** Fills the "Acting as" picker (only when the people changed) and keeps the chosen person valid. */
export function renderPeople(people) {
  const select = $('acting-as');
  const signature = currentLanguage() + JSON.stringify(people);
  if (!people.some((p) => p.id === ui.personId)) {
    ui.personId = people.some((p) => p.id === DEFAULT_PERSON) ? DEFAULT_PERSON : (people[0]?.id || DEFAULT_PERSON);
  }
  if (signature !== ui.peopleSignature) {
    ui.peopleSignature = signature;
    select.replaceChildren(...people.map((person) => h('option', {
      value: person.id,
      text: `${person.name} — ${(person.roles || []).map(roleName).join(', ')}`,
    })));
  }
  select.value = ui.personId;
  updateAvatar(people.find((p) => p.id === ui.personId));
}

function roleName(role) {
  return t('roles')[role] || role;
}

export function updateAvatar(person) {
  const avatar = $('acting-avatar');
  avatar.textContent = person ? initials(person.name) : '';
  avatar.style.setProperty('--hue', String(hue(person?.id || '')));
}

/** The last time anything in the channel was posted or edited (ms since epoch, 0 when empty). */
function channelActivity(channel) {
  let latest = 0;
  for (const message of channel.messages || []) {
    for (const item of [message, ...(message.replies || [])]) {
      const time = Date.parse(item.updatedAt);
      if (time > latest) latest = time;
    }
  }
  return latest;
}

/** Root messages with something new (in them or their thread) since the channel was last shown. */
function unreadCount(channel) {
  const seen = ui.lastSeen[channel.name];
  if (typeof seen !== 'number') return (channel.messages || []).length; // never opened here: everything is new
  return (channel.messages || []).filter((m) =>
    [m, ...(m.replies || [])].some((item) => Date.parse(item.updatedAt) > seen)).length;
}

/** Remembers (in localStorage) that the channel on screen has been seen up to its latest activity. */
export function markSeen() {
  const channel = ui.data.channels?.find((c) => c.name === ui.view);
  if (!channel) return;
  const latest = channelActivity(channel);
  if (ui.lastSeen[channel.name] !== latest) {
    ui.lastSeen[channel.name] = latest;
    storage.set('lastSeen', JSON.stringify(ui.lastSeen));
  }
}

export function renderSidebar(channels, timeline) {
  const list = $('channel-list');
  const items = channels.map((channel) => {
    const unread = channel.name === ui.view ? 0 : unreadCount(channel);
    const total = (channel.messages || []).length;
    const button = h('button', {
      type: 'button',
      class: 'nav-item' + (unread ? ' has-unread' : ''),
      attrs: {
        'data-channel': channel.name,
        'aria-current': channel.name === ui.view ? 'page' : null,
        title: unread ? `${unread} ${t('unread')}` : `${total} ${t('messages')}`,
      },
      on: { click: () => selectView(channel.name) },
    }, [
      h('span', { class: 'nav-icon', attrs: { 'aria-hidden': 'true' }, text: '#' }),
      h('span', { class: 'nav-name', text: channel.name.replace(/^#/, '') }),
      h('span', { class: unread ? 'nav-count unread' : 'nav-count', text: String(unread || total || '') }),
    ]);
    return h('li', null, [button]);
  });
  list.replaceChildren(...items);

  const timelineButton = document.querySelector('[data-channel="timeline"]');
  if (ui.view === TIMELINE) timelineButton.setAttribute('aria-current', 'page');
  else timelineButton.removeAttribute('aria-current');
  $('timeline-count').textContent = timeline.length ? String(timeline.length) : '';
  timelineButton.title = `${timeline.length} ${t('posts')}`;
}

/** Shows a channel (by name) or the public timeline, and remembers the choice. */
export function selectView(name) {
  if (name === ui.view) return;
  ui.view = name;
  storage.set('view', name);
  render();
  window.scrollTo({ top: 0 });
}
