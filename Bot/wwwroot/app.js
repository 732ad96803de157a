// CmBot sandbox page: renders the sandbox channels from /sandbox/api/state, sends button clicks to
// /sandbox/api/actions and re-reads the state when /sandbox/api/events says something changed.
// Everything that comes from the server (cards, mentions, names) is inserted as text through DOM APIs only.
'use strict';

(() => {
  const API = {
    state: 'sandbox/api/state',
    actions: 'sandbox/api/actions',
    events: 'sandbox/api/events',
  };
  const TIMELINE = 'timeline';
  const DEFAULT_CHANNEL = '#cm-alerts';
  const DEFAULT_PERSON = 'camille';
  const REFRESH_DEBOUNCE_MS = 100;
  const RETRY_MS = 3000;
  const TOAST_MS = { ok: 6000, refused: 12000, error: 12000 };

  const I18N = {
    en: {
      actingAs: 'Acting as',
      channels: 'Channels',
      public: 'Public',
      timeline: 'Public timeline',
      timelineDesc: 'Replies published by the brand, as the public sees them.',
      hint: 'Messages are posted by CmBot. Buttons act as the person chosen at the top right.',
      loading: 'Loading…',
      connecting: 'Connecting…',
      live: 'Live',
      reconnecting: 'Reconnecting…',
      offline: 'Server unreachable — retrying…',
      emptyChannel: 'No messages in this channel yet.',
      emptyTimeline: 'Nothing has been published yet.',
      bot: 'CmBot',
      app: 'APP',
      edited: 'edited',
      reply: 'reply',
      replies: 'replies',
      hideThread: 'Hide thread',
      unread: 'updated since you last looked',
      messages: 'messages',
      posts: 'posts',
      inReplyTo: 'In reply to',
      dismiss: 'Dismiss',
      failed: 'The action failed',
      unreachable: 'The server could not be reached.',
      stateFailed: 'Could not load the sandbox state',
      working: 'Working…',
      channelDesc: {
        '#cm-alerts': 'Alerts for the community managers: one message per incident, updates in its thread.',
        '#legal': 'Reply drafts that need a legal sign-off.',
        '#direction': 'Major incidents, for the leadership team.',
      },
      roles: {
        'community-manager': 'Community manager',
        lead: 'Team lead',
        legal: 'Legal',
        comms: 'Communications',
        ceo: 'CEO',
        admin: 'Admin',
      },
    },
    fr: {
      actingAs: 'Agir en tant que',
      channels: 'Canaux',
      public: 'Public',
      timeline: 'Fil public',
      timelineDesc: 'Les réponses publiées par la marque, telles que le public les voit.',
      hint: 'Les messages sont postés par CmBot. Les boutons agissent au nom de la personne choisie en haut à droite.',
      loading: 'Chargement…',
      connecting: 'Connexion…',
      live: 'En direct',
      reconnecting: 'Reconnexion…',
      offline: 'Serveur injoignable — nouvel essai…',
      emptyChannel: 'Aucun message dans ce canal pour l’instant.',
      emptyTimeline: 'Rien n’a encore été publié.',
      bot: 'CmBot',
      app: 'APP',
      edited: 'modifié',
      reply: 'réponse',
      replies: 'réponses',
      hideThread: 'Masquer le fil',
      unread: 'mis à jour depuis votre dernière visite',
      messages: 'messages',
      posts: 'publications',
      inReplyTo: 'En réponse à',
      dismiss: 'Fermer',
      failed: 'L’action a échoué',
      unreachable: 'Le serveur est injoignable.',
      stateFailed: 'Impossible de charger l’état du bac à sable',
      working: 'En cours…',
      channelDesc: {
        '#cm-alerts': 'Alertes pour les community managers : un message par incident, le suivi dans son fil.',
        '#legal': 'Brouillons de réponse à faire valider par le juridique.',
        '#direction': 'Incidents majeurs, pour la direction.',
      },
      roles: {
        'community-manager': 'Community manager',
        lead: 'Responsable',
        legal: 'Juridique',
        comms: 'Communication',
        ceo: 'PDG',
        admin: 'Admin',
      },
    },
  };

  // ---- small utilities ---------------------------------------------------------------------------

  const storage = {
    get(key) {
      try { return window.localStorage.getItem('cmbot.' + key); } catch { return null; }
    },
    set(key, value) {
      try { window.localStorage.setItem('cmbot.' + key, value); } catch { /* private mode: ignore */ }
    },
  };

  /** Creates an element. props: class, text, attrs (object), on (object of listeners), plus DOM properties. */
  function h(tag, props, children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key === 'attrs') {
          for (const [name, attr] of Object.entries(value)) {
            if (attr !== undefined && attr !== null && attr !== false) node.setAttribute(name, String(attr));
          }
        } else if (key === 'on') {
          for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
        } else node[key] = value;
      }
    }
    for (const child of children || []) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    }
    return node;
  }

  /** Makes container's children exactly `nodes`, moving only what is out of place (keeps focus and caret). */
  function syncChildren(container, nodes) {
    for (let i = 0; i < nodes.length; i++) {
      const current = container.children[i];
      if (current !== nodes[i]) container.insertBefore(nodes[i], current || null);
    }
    while (container.children.length > nodes.length) container.lastElementChild.remove();
  }

  function initials(name) {
    const parts = String(name || '?').replace(/^@/, '').split(/[\s._-]+/).filter(Boolean);
    const letters = parts.length > 1 ? parts[0][0] + parts[1][0] : (parts[0] || '?').slice(0, 2);
    return letters.toUpperCase();
  }

  function hue(text) {
    let hash = 0;
    for (const ch of String(text)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
    return hash % 360;
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(String(url), window.location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch {
      return null;
    }
  }

  // ---- state -------------------------------------------------------------------------------------

  const ui = {
    data: null,
    lang: 'en',
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
    fetchNumber: 0,
    fetching: false,
    refetch: false,
    refreshTimer: 0,
    retryTimer: 0,
    toastTimer: 0,
  };

  const $ = (id) => document.getElementById(id);
  const t = (key) => (I18N[ui.lang] && I18N[ui.lang][key]) ?? I18N.en[key] ?? key;

  function readLastSeen() {
    try { return JSON.parse(storage.get('lastSeen') || '{}') || {}; } catch { return {}; }
  }

  // ---- fetching ----------------------------------------------------------------------------------

  function scheduleRefresh() {
    if (ui.refreshTimer) return;
    ui.refreshTimer = window.setTimeout(() => {
      ui.refreshTimer = 0;
      refresh();
    }, REFRESH_DEBOUNCE_MS);
  }

  async function refresh() {
    if (ui.fetching) {
      ui.refetch = true;
      return;
    }
    ui.fetching = true;
    const number = ++ui.fetchNumber;
    try {
      const response = await fetch(API.state, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const data = await response.json();
      applyState(data, number);
    } catch (error) {
      setLive('offline');
      window.clearTimeout(ui.retryTimer);
      ui.retryTimer = window.setTimeout(refresh, RETRY_MS);
      if (!ui.data) {
        const view = $('view');
        view.replaceChildren(h('p', { class: 'empty error', text: `${t('stateFailed')}: ${error.message}` }));
      }
    } finally {
      ui.fetching = false;
      if (ui.refetch) {
        ui.refetch = false;
        scheduleRefresh();
      }
    }
  }

  function applyState(data, number) {
    ui.data = data;
    ui.lang = I18N[data.language] ? data.language : 'en';
    for (const [messageId, after] of ui.resetAfter) {
      if (number >= after) {
        ui.resetAfter.delete(messageId);
        for (const key of [...ui.edits.keys()]) {
          if (key.startsWith(messageId + '|')) ui.edits.delete(key);
        }
        ui.cardViews.delete(messageId);
      }
    }
    render();
  }

  function connectEvents() {
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

  function setLive(state) {
    const live = $('live');
    live.dataset.state = state;
    $('live-text').textContent = t({ connected: 'live', reconnecting: 'reconnecting', offline: 'offline' }[state] || 'connecting');
  }

  // ---- actions -----------------------------------------------------------------------------------

  async function runAction(message, action, cardEl) {
    if (ui.pending.has(message.id)) return;
    const inputs = {};
    for (const field of cardEl.querySelectorAll('[data-input]')) inputs[field.dataset.input] = field.value;
    const body = {
      personId: ui.personId,
      verb: action.verb,
      targetId: action.targetId,
      channel: message.channel,
      messageId: message.id,
      inputs,
    };
    setPending(message.id, cardEl, true);
    let outcome = 'error';
    let text = t('failed');
    try {
      const response = await fetch(API.actions, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      const payload = await response.json().catch(() => null);
      if (response.ok) {
        outcome = 'ok';
        text = payload?.message || action.label;
      } else if (response.status === 403) {
        outcome = 'refused';
        text = payload?.message || `${t('failed')} (403)`;
      } else {
        text = `${t('failed')}: ${payload?.detail || payload?.title || payload?.message || response.status}`;
      }
    } catch {
      text = `${t('failed')}: ${t('unreachable')}`;
    } finally {
      setPending(message.id, cardEl, false);
    }
    showToast(outcome, text, action.verb);
    if (outcome === 'ok') {
      // Drop what was typed on this card once a state read *after* the action arrives.
      ui.resetAfter.set(message.id, ui.fetchNumber + 1);
    }
    scheduleRefresh();
  }

  function setPending(messageId, cardEl, pending) {
    if (pending) ui.pending.add(messageId); else ui.pending.delete(messageId);
    const current = ui.cardViews.get(messageId)?.el || cardEl;
    for (const el of new Set([cardEl, current])) applyPending(el, pending);
  }

  function applyPending(cardEl, pending) {
    cardEl.toggleAttribute('aria-busy', pending);
    for (const button of cardEl.querySelectorAll('button[data-verb]')) button.disabled = pending;
  }

  // ---- toast -------------------------------------------------------------------------------------

  function showToast(outcome, text, verb) {
    const toast = $('toast');
    toast.dataset.outcome = outcome;
    if (verb) toast.dataset.verb = verb; else delete toast.dataset.verb;
    $('toast-icon').textContent = outcome === 'ok' ? '✓' : outcome === 'refused' ? '⛔' : '!';
    $('toast-text').textContent = text;
    toast.hidden = false;
    toast.classList.remove('toast-enter');
    void toast.offsetWidth; // restart the entrance animation
    toast.classList.add('toast-enter');
    window.clearTimeout(ui.toastTimer);
    ui.toastTimer = window.setTimeout(hideToast, TOAST_MS[outcome] || TOAST_MS.error);
  }

  function hideToast() {
    const toast = $('toast');
    toast.hidden = true;
    delete toast.dataset.outcome;
    delete toast.dataset.verb;
  }

  // ---- rendering ---------------------------------------------------------------------------------

  function render() {
    const data = ui.data;
    if (!data) return;
    document.documentElement.lang = ui.lang;
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

  function renderPeople(people) {
    const select = $('acting-as');
    const signature = ui.lang + JSON.stringify(people);
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

  function updateAvatar(person) {
    const avatar = $('acting-avatar');
    avatar.textContent = person ? initials(person.name) : '';
    avatar.style.setProperty('--hue', String(hue(person?.id || '')));
  }

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

  function unreadCount(channel) {
    const seen = ui.lastSeen[channel.name];
    if (typeof seen !== 'number') return (channel.messages || []).length; // never opened here: everything is new
    return (channel.messages || []).filter((m) =>
      [m, ...(m.replies || [])].some((item) => Date.parse(item.updatedAt) > seen)).length;
  }

  function markSeen() {
    const channel = ui.data.channels?.find((c) => c.name === ui.view);
    if (!channel) return;
    const latest = channelActivity(channel);
    if (ui.lastSeen[channel.name] !== latest) {
      ui.lastSeen[channel.name] = latest;
      storage.set('lastSeen', JSON.stringify(ui.lastSeen));
    }
  }

  function renderSidebar(channels, timeline) {
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

  function selectView(name) {
    if (name === ui.view) return;
    ui.view = name;
    storage.set('view', name);
    render();
    window.scrollTo({ top: 0 });
  }

  function renderChannel(channel) {
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

  function messageView(message, channelName, isReply) {
    let entry = ui.messageViews.get(message.id);
    if (!entry) {
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
      entry = { el, time, edited, cardSlot, thread: null };
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

  function cardView(message) {
    const signature = JSON.stringify(message.card);
    const cached = ui.cardViews.get(message.id);
    if (cached && cached.signature === signature) return cached.el;
    const el = buildCard(message);
    applyPending(el, ui.pending.has(message.id));
    ui.cardViews.set(message.id, { signature, el });
    return el;
  }

  function buildCard(message) {
    const card = message.card || {};
    const severity = /^P[1-4]$/.test(card.severity || '') ? card.severity : null;
    const root = h('section', {
      class: 'card' + (severity ? ` sev-${severity}` : ''),
      attrs: { 'data-card-title': card.title || '', 'data-severity': severity },
    });

    const head = h('div', { class: 'card-head' }, [
      severity ? h('span', { class: `sev-badge sev-${severity}`, text: severity }) : null,
      h('h3', { class: 'card-title', text: card.title || '' }),
    ]);
    root.append(head);
    if (card.status) root.append(h('p', { class: 'card-status', attrs: { 'data-card-status': '' }, text: card.status }));

    if (card.facts?.length) {
      root.append(h('dl', { class: 'card-facts' }, card.facts.flatMap((fact) => [
        h('dt', { text: fact.label }),
        h('dd', { text: fact.value }),
      ])));
    }

    for (const block of card.texts || []) {
      root.append(block.quote
        ? h('blockquote', { class: 'card-quote', text: block.text })
        : h('p', { class: 'card-text', text: block.text }));
    }

    if (card.links?.length) {
      root.append(h('p', { class: 'card-links' }, card.links.map((link) => {
        const href = safeUrl(link.url);
        return href
          ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', text: `${link.label} ↗`, title: href })
          : h('span', { text: link.label });
      })));
    }

    if (card.inputs?.length) {
      const form = h('div', { class: 'card-inputs' });
      for (const input of card.inputs) {
        const key = `${message.id}|${input.id}`;
        const serverValue = input.value ?? '';
        const edit = ui.edits.get(key);
        let value = serverValue;
        if (edit && edit.base === serverValue) value = edit.value;
        else ui.edits.delete(key);
        const fieldId = `in-${message.id}-${input.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
        const field = h(input.multiline ? 'textarea' : 'input', {
          id: fieldId,
          class: input.multiline ? 'field field-multiline' : 'field',
          attrs: { 'data-input': input.id, type: input.multiline ? null : 'text', rows: input.multiline ? 4 : null, spellcheck: 'true' },
          on: {
            input: (event) => ui.edits.set(key, { value: event.target.value, base: serverValue }),
          },
        });
        field.value = value;
        form.append(h('div', { class: input.multiline ? 'input-row wide' : 'input-row' }, [
          h('label', { htmlFor: fieldId, text: input.label }),
          field,
        ]));
      }
      root.append(form);
    }

    if (card.actions?.length) {
      const bar = h('div', { class: 'card-actions' });
      for (const action of card.actions) {
        const style = ['primary', 'danger'].includes(action.style) ? action.style : 'default';
        bar.append(h('button', {
          type: 'button',
          class: `btn btn-${style}`,
          text: action.label,
          attrs: { 'data-verb': action.verb, 'data-target-id': action.targetId },
          on: { click: () => runAction(message, action, root) },
        }));
      }
      root.append(bar);
    }
    return root;
  }

  function renderTimeline(posts) {
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

  function postView(post) {
    const id = String(post.id);
    const cached = ui.postViews.get(id);
    const signature = JSON.stringify(post) + ui.lang;
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

  function forgetStaleViews(channels, posts) {
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

  // Keeps the caret where it was when the card being typed into is rebuilt.
  function captureFocus() {
    const active = document.activeElement;
    if (!active || !active.dataset || !active.dataset.input) return null;
    const message = active.closest('[data-message-id]');
    if (!message) return null;
    return {
      messageId: message.dataset.messageId,
      input: active.dataset.input,
      start: active.selectionStart,
      end: active.selectionEnd,
      element: active,
    };
  }

  function restoreFocus(focus) {
    if (!focus || document.activeElement === focus.element) return;
    const card = ui.cardViews.get(focus.messageId)?.el;
    const field = card?.querySelector(`[data-input="${CSS.escape(focus.input)}"]`);
    if (!field || !field.isConnected) return;
    field.focus({ preventScroll: true });
    try { field.setSelectionRange(focus.start, focus.end); } catch { /* not a text field */ }
  }

  /** The browser's own locale when it speaks the page's language (en-GB gets 24-hour times), else the language. */
  function locale() {
    const preferred = navigator.language || '';
    return preferred.toLowerCase().startsWith(ui.lang) ? preferred : ui.lang;
  }

  function formatTime(date) {
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(locale(), { hour: 'numeric', minute: '2-digit' }).format(date);
  }

  function formatFull(date) {
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  // ---- start -------------------------------------------------------------------------------------

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
})();
