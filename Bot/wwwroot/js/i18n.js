// The page's words in English and French, the current language (the server's choice), and date formatting.

const DICTIONARY = {
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

let language = 'en';

/** The language the page is shown in: 'en' or 'fr'. */
export function currentLanguage() {
  return language;
}

/** Switches to the server's language; anything the dictionary does not know falls back to English. */
export function setLanguage(code) {
  language = DICTIONARY[code] ? code : 'en';
}

/** The word for `key` in the current language (English when missing there, the key itself when missing everywhere). */
export function t(key) {
  return (DICTIONARY[language] && DICTIONARY[language][key]) ?? DICTIONARY.en[key] ?? key;
}

/** The browser's own locale when it speaks the page's language (en-GB gets 24-hour times), else the language. */
function locale() {
  const preferred = navigator.language || '';
  return preferred.toLowerCase().startsWith(language) ? preferred : language;
}

export function formatTime(date) {
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { hour: 'numeric', minute: '2-digit' }).format(date);
}

export function formatFull(date) {
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
