import { describe, expect, it } from 'vitest';
import { AppUpdate, type RegisterHooks } from './app-update.svelte';
import { StudySession } from './study-session.svelte';

function setup() {
  const session = new StudySession();
  let reloads = 0;
  let activations = 0;
  let hooks: RegisterHooks | undefined;
  const update = new AppUpdate(session, () => reloads++);
  update.connect((h) => {
    hooks = h;
    return async () => {
      activations++;
    };
  });
  if (!hooks) throw new Error('register was not called');
  return { session, update, hooks, reloads: () => reloads, activations: () => activations };
}

describe('AppUpdate', () => {
  it('offers a waiting version when the learner is not studying', () => {
    const { update, hooks } = setup();
    expect(update.promptVisible).toBe(false);
    hooks.onNeedRefresh();
    expect(update.promptVisible).toBe(true);
  });

  it('holds the offer back during a study session and shows it when the session ends', () => {
    const { update, hooks, session } = setup();
    session.begin();
    hooks.onNeedRefresh();
    expect(update.promptVisible).toBe(false);
    session.end();
    expect(update.promptVisible).toBe(true);
  });

  it('activates the new worker and reloads only after the learner accepts', async () => {
    const { update, hooks, reloads, activations } = setup();
    hooks.onNeedRefresh();
    expect(activations()).toBe(0);
    await update.accept();
    expect(activations()).toBe(1);
    expect(reloads()).toBe(0);
    hooks.onNeedReload();
    expect(reloads()).toBe(1);
  });

  it('never reloads a studying tab when another tab activated the new version', () => {
    const { update, hooks, session, reloads } = setup();
    session.begin();
    hooks.onNeedRefresh();
    hooks.onNeedReload();
    expect(reloads()).toBe(0);
    expect(update.outdated).toBe(true);
    expect(update.promptVisible).toBe(false);
    session.end();
    expect(update.promptVisible).toBe(true);
  });

  it('hides the prompt after "later" until another version arrives', () => {
    const { update, hooks } = setup();
    hooks.onNeedRefresh();
    update.dismiss();
    expect(update.promptVisible).toBe(false);
    hooks.onNeedRefresh();
    expect(update.promptVisible).toBe(true);
  });
});
