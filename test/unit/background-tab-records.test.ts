/**
 * Tab records: each tab's current page and its frames, in event order, kept in storage.session so
 * a restarted worker still finds them; a closed tab's record goes (through the background's one
 * tabs.onRemoved listener too).
 */
import { describe, expect, it } from 'vitest';
import { createTabRecords, MAX_FRAMES_PER_TAB } from '../../src/background/tab-records.js';
import type { FrameRecord } from '../../src/core/messages.js';
import { eventually, startBackground, valueOf } from '../support/background-under-test.js';
import { memorySession } from './helpers/memory-session.js';

const frame = (host: string, level: FrameRecord['level'] = 'safe'): FrameRecord => ({
  url: `http://${host}/`,
  host,
  level,
  category: 'benign',
  score: 0.01,
});
const later = <T>(value: T, ms: number): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('tab records', () => {
  it('applies updates in event order even when an earlier frame is judged later', async () => {
    const records = createTabRecords(memorySession());
    void records.mainFrame(1, later(frame('slow-page.com'), 30));
    void records.subframe(1, Promise.resolve(frame('ads.example')));
    const record = await records.get(1);
    expect(record?.main?.host).toBe('slow-page.com');
    expect(record?.frames.map((f) => f.host)).toEqual(['ads.example']);
  });

  it('a new main frame starts the record over; frames are capped', async () => {
    const records = createTabRecords(memorySession());
    await records.mainFrame(2, Promise.resolve(frame('first.com')));
    for (let i = 0; i < MAX_FRAMES_PER_TAB + 5; i++) void records.subframe(2, Promise.resolve(frame(`f${i}.com`)));
    const full = await records.get(2);
    expect(full?.frames).toHaveLength(MAX_FRAMES_PER_TAB);
    expect(full?.frames.at(-1)?.host).toBe(`f${MAX_FRAMES_PER_TAB + 4}.com`);
    await records.mainFrame(2, Promise.resolve(frame('second.com')));
    expect(await records.get(2)).toMatchObject({ main: { host: 'second.com' }, frames: [] });
  });

  it('survives a worker restart (storage.session) and is gone once removed', async () => {
    const session = memorySession();
    await createTabRecords(session).mainFrame(3, Promise.resolve(frame('kept.com')));
    const restarted = createTabRecords(session);
    expect((await restarted.get(3))?.main?.host).toBe('kept.com');
    await restarted.remove(3);
    expect(await restarted.get(3)).toBeNull();
    expect(session.data.has('tab:3')).toBe(false);
  });

  it('closing a tab clears its record, its link summary and its toolbar memory in the background', async () => {
    const bg = await startBackground();
    bg.fire.committed(4, 'http://example.com/');
    await eventually(() => expect(bg.session.data.has('tab:4')).toBe(true));
    bg.fire.tabRemoved(4);
    await eventually(() => expect(bg.session.data.has('tab:4')).toBe(false));
    expect(valueOf(await bg.send({ type: 'get-tab-state', payload: { tabId: 4 } }))).toBeNull();
    expect(bg.forgotten.filter((tab) => tab === 4)).toHaveLength(2); // on commit, and on removal
  });
});
