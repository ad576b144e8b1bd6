import { describe, expect, it } from 'vitest';
import { readPushMessage } from './pushMessage';

describe('readPushMessage', () => {
  it('reads a reminder as FCM delivers a data message', () => {
    expect(
      readPushMessage({
        data: { title: 'Pay rent', body: 'Due Tue, Dec 1', link: '/lists/l1?todo=t1', tag: 'n1' },
        from: '1234',
        fcmMessageId: 'abc',
      }),
    ).toEqual({ title: 'Pay rent', body: 'Due Tue, Dec 1', link: '/lists/l1?todo=t1', tag: 'n1' });
  });

  it('reads the data alone too, with defaults for what is missing', () => {
    expect(readPushMessage({ title: 'Pay rent' })).toEqual({
      title: 'Pay rent',
      body: '',
      link: '/',
      tag: undefined,
    });
  });

  it('keeps links inside the app', () => {
    for (const link of ['https://evil.example/', '//evil.example/x', 'javascript:alert(1)'])
      expect(readPushMessage({ data: { title: 'x', link } })?.link).toBe('/');
  });

  it('shows nothing for a message that is not a reminder', () => {
    expect(readPushMessage(null)).toBeNull();
    expect(readPushMessage('hello')).toBeNull();
    expect(readPushMessage({ data: { body: 'no title' } })).toBeNull();
  });
});
