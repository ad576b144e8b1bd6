import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { isTyping, useShortcuts } from './useShortcuts';

const scopes: ReturnType<typeof effectScope>[] = [];

function listen() {
  const run = vi.fn();
  const scope = effectScope();
  scope.run(() => useShortcuts(run));
  scopes.push(scope);
  return run;
}

function press(key: string, target: HTMLElement = document.body, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

afterEach(() => {
  for (const scope of scopes.splice(0)) scope.stop();
  document.body.innerHTML = '';
});

describe('useShortcuts', () => {
  it('runs the action of a shortcut and keeps the key from doing anything else', () => {
    const run = listen();
    const event = press('n');
    expect(run).toHaveBeenCalledWith('add', event);
    expect(event.defaultPrevented).toBe(true);
    press('?');
    expect(run.mock.calls.map(([action]) => action)).toEqual(['add', 'help']);
  });

  it('never fires while typing in a field', () => {
    const run = listen();
    for (const html of ['<input type="text">', '<textarea></textarea>', '<input type="search">']) {
      document.body.innerHTML = html;
      const field = document.body.firstElementChild as HTMLElement;
      expect(press('n', field).defaultPrevented).toBe(false);
    }
    expect(run).not.toHaveBeenCalled();
  });

  it('fires on a focused checkbox or button, which take no text', () => {
    const run = listen();
    document.body.innerHTML = '<input type="checkbox"><button>b</button>';
    press('x', document.body.children[0] as HTMLElement);
    press('x', document.body.children[1] as HTMLElement);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('leaves the keys to an open dialog, and to the browser with modifiers held', () => {
    const run = listen();
    press('n', document.body, { ctrlKey: true });
    press('z', document.body, { metaKey: true });
    document.body.innerHTML = '<dialog open></dialog>';
    press('n');
    expect(run).not.toHaveBeenCalled();
  });

  it('stops listening when its owner goes', () => {
    const run = listen();
    scopes.pop()?.stop();
    press('n');
    expect(run).not.toHaveBeenCalled();
  });
});

describe('isTyping', () => {
  it('tells fields that take text from other targets', () => {
    const element = (html: string) => {
      const host = document.createElement('div');
      host.innerHTML = html;
      return host.firstElementChild;
    };
    expect(isTyping(element('<input>'))).toBe(true);
    expect(isTyping(element('<select></select>'))).toBe(true);
    expect(isTyping(element('<div contenteditable="true"></div>'))).toBe(true);
    expect(isTyping(element('<input type="radio">'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
