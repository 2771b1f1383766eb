/**
 * The web app manifest, defined once: the PWA plugin writes it at build time and the
 * end-to-end test checks the served file against the same fields.
 */
export const themeColor = '#1f4e5f';
export const backgroundColor = '#f7f4ee';

export const webManifest = {
  name: 'Sourcedeck',
  short_name: 'Sourcedeck',
  description:
    'Flashcards and quizzes built from documented facts: every card cites its source, and where sources disagree you learn the disagreement.',
  id: '/',
  start_url: '/',
  scope: '/',
  display: 'standalone' as const,
  orientation: 'portrait' as const,
  lang: 'en',
  dir: 'ltr' as const,
  theme_color: themeColor,
  background_color: backgroundColor,
  categories: ['education'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    {
      src: '/icons/icon-maskable-512.png',
      sizes: '512x512',
      type: 'image/png',
      purpose: 'maskable'
    }
  ]
};
