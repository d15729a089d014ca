import { describe, expect, it } from 'vitest';
import { ChangeNotifier } from '../../../server/events/notifier.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ChangeNotifier', () => {
  it('passes the first change after a quiet spell on at once', () => {
    const n = new ChangeNotifier(50);
    const heard: number[] = [];
    n.subscribe((seq) => heard.push(seq));
    n.notify(7);
    expect(heard).toEqual([7]);
    expect(n.latest).toBe(7);
  });

  it('folds a burst within the window into one trailing poke with the latest seq', async () => {
    const n = new ChangeNotifier(50);
    const heard: number[] = [];
    n.subscribe((seq) => heard.push(seq));
    for (let seq = 1; seq <= 100; seq++) n.notify(seq);
    expect(heard).toEqual([1]);
    expect(n.latest).toBe(100);
    await sleep(80);
    expect(heard).toEqual([1, 100]);
    // Quiet again: the next change goes at once.
    await sleep(60);
    n.notify(101);
    expect(heard).toEqual([1, 100, 101]);
  });

  it('never goes backwards and never repeats a seq', async () => {
    const n = new ChangeNotifier(20);
    const heard: number[] = [];
    n.subscribe((seq) => heard.push(seq));
    n.notify(5);
    n.notify(3);
    n.notify(5);
    await sleep(40);
    expect(heard).toEqual([5]);
  });
});

describe('ChangeNotifier generation', () => {
  it('counts every notification, also one that does not raise the latest seq', () => {
    const n = new ChangeNotifier(50);
    const g = n.generation;
    n.notify(4);
    n.notify(4);
    n.notify(2);
    expect(n.generation).toBe(g + 3);
    expect(n.latest).toBe(4);
  });
});
