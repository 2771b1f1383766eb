// A client-only app: every page is prerendered as the same shell and rendered in the
// browser, where the learner's data lives.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
