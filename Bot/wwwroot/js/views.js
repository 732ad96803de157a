// The main pane: a channel's messages with their threads, or the public timeline. Message and post elements
// are kept between renders and only updated, so a field being typed into is never replaced needlessly.

import { cardView } from './cards.js';
import { h, hue, initials, safeUrl, syncChildren, $ } from './dom.js';
import { currentLanguage, formatFull, formatTime, t } from './i18n.js';
import { render, TIMELINE, ui } from './state.js';

export function renderChannel(channel) {
  $('view-title').textContent = channel ? channel.name : '';
  $('view-desc').textContent = (channel && t('channelDesc')[channel.name]) || '';
  const view = $('view');
  view.dataset.view = channel ? channel.name : '';
  const messages = channel?.messages || [];
  if (!messages.length) {
    view.replaceChildren(h('p', { class: 'empty', text: t('emptyChannel') }));
    return;
  }
  syncChildren(view, messages.map((message) => messageView(message, channel.name, false)));
}

/** A CmBot message (time, edited mark, card) and, for a root message, its collapsible thread of replies. */
function messageView(message, channelName, isReply) {
  let entry = ui.messageViews.get(message.id);
  if (!entry) {
    entry = buildMessage(message, isReply);
    ui.messageViews.set(message.id, entry);
  }

  const created = new Date(message.createdAt);
  entry.time.dateTime = message.createdAt;
  entry.time.textContent = formatTime(created);
  entry.time.title = formatFull(created);
  const wasEdited = message.updatedAt && message.updatedAt !== message.createdAt;
  entry.edited.textContent = wasEdited ? `(${t('edited')})` : '';
  entry.edited.title = wasEdited ? formatFull(new Date(message.updatedAt)) : '';

  syncChildren(entry.cardSlot, [cardView({ ...message, channel: channelName })]);

  if (entry.thread) {
    const replies = message.replies || [];
    const collapsed = ui.collapsed.has(message.id);
    entry.thread.el.hidden = replies.length === 0;
    entry.thread.el.classList.toggle('collapsed', collapsed);
    entry.thread.toggle.setAttribute('aria-expanded', String(!collapsed));
    const count = `${replies.length} ${replies.length === 1 ? t('reply') : t('replies')}`;
    entry.thread.toggle.textContent = collapsed ? `▸ ${count}` : `▾ ${count}`;
    entry.thread.toggle.title = collapsed ? '' : t('hideThread');
    entry.thread.list.hidden = collapsed;
    syncChildren(entry.thread.list, replies.map((reply) => messageView(reply, channelName, true)));
  }
  return entry.el;
}

function buildMessage(message, isReply) {
  const time = h('time', { class: 'msg-time' });
  const edited = h('span', { class: 'msg-edited' });
  const cardSlot = h('div', { class: 'msg-card' });
  const el = h('article', { class: isReply ? 'message reply' : 'message', attrs: { 'data-message-id': message.id } }, [
    h('div', { class: 'msg-avatar', attrs: { 'aria-hidden': 'true' }, text: 'Cm' }),
    h('div', { class: 'msg-body' }, [
      h('header', { class: 'msg-head' }, [
        h('span', { class: 'msg-author', text: t('bot') }),
        h('span', { class: 'msg-app', text: t('app') }),
        time,
        edited,
      ]),
      cardSlot,
    ]),
  ]);
  const entry = { el, time, edited, cardSlot, thread: null };
  if (!isReply) {
    const toggle = h('button', {
      type: 'button',
      class: 'thread-toggle',
      on: {
        click: () => {
          if (ui.collapsed.has(message.id)) ui.collapsed.delete(message.id); else ui.collapsed.add(message.id);
          render();
        },
      },
    });
    const list = h('div', { class: 'thread-list' });
    const thread = h('section', { class: 'thread', attrs: { 'data-thread': message.id } }, [toggle, list]);
    el.querySelector('.msg-body').append(thread);
    entry.thread = { el: thread, toggle, list };
  }
  return entry;
}

export function renderTimeline(posts) {
  $('view-title').textContent = t('timeline');
  $('view-desc').textContent = t('timelineDesc');
  const view = $('view');
  view.dataset.view = TIMELINE;
  if (!posts.length) {
    view.replaceChildren(h('p', { class: 'empty', text: t('emptyTimeline') }));
    return;
  }
  syncChildren(view, posts.map(postView));
}

/** A published reply as the public sees it; links only to an http(s) address it answers. */
function postView(post) {
  const id = String(post.id);
  const cached = ui.postViews.get(id);
  const signature = JSON.stringify(post) + currentLanguage();
  if (cached && cached.signature === signature) return cached.el;
  const published = new Date(post.publishedAt);
  const author = post.author || '';
  const replyTarget = post.inReplyTo ? safeUrl(post.inReplyTo) : null;
  const avatar = h('div', { class: 'post-avatar', attrs: { 'aria-hidden': 'true' }, text: initials(author) });
  avatar.style.setProperty('--hue', String(hue(author)));
  const el = h('article', { class: 'post', attrs: { 'data-post-id': id } }, [
    avatar,
    h('div', { class: 'post-body' }, [
      h('header', { class: 'post-head' }, [
        h('span', { class: 'post-author', text: author }),
        h('time', { class: 'post-time', dateTime: post.publishedAt, title: formatFull(published), text: formatFull(published) }),
      ]),
      post.inReplyTo
        ? h('p', { class: 'post-reply-to' }, [
          `${t('inReplyTo')} `,
          replyTarget
            ? h('a', { href: replyTarget, target: '_blank', rel: 'noopener noreferrer', text: post.inReplyTo })
            : h('span', { text: post.inReplyTo }),
        ])
        : null,
      h('p', { class: 'post-text', text: post.text || '' }),
    ]),
  ]);
  ui.postViews.set(id, { signature, el });
  return el;
}

/** Drops cached elements and typed text of messages and posts the server no longer has. */
export function forgetStaleViews(channels, posts) {
  const ids = new Set();
  for (const channel of channels) {
    for (const message of channel.messages || []) {
      ids.add(message.id);
      for (const reply of message.replies || []) ids.add(reply.id);
    }
  }
  for (const map of [ui.messageViews, ui.cardViews]) {
    for (const id of [...map.keys()]) if (!ids.has(id)) map.delete(id);
  }
  for (const key of [...ui.edits.keys()]) if (!ids.has(key.split('|')[0])) ui.edits.delete(key);
  const postIds = new Set(posts.map((p) => String(p.id)));
  for (const id of [...ui.postViews.keys()]) if (!postIds.has(id)) ui.postViews.delete(id);
}
