// Assignment ids are made on devices, not known at build time: the shell serves them.
export const prerender = false;
