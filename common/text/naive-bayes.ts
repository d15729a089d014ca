/**
 * The text as a chat classifier reads it: lower case, without spaces, punctuation and chat noise,
 * so that "죽 고 싶 어 요", "죽고싶어요ㅠㅠ" and "죽고 싶어요!" share their syllable n-grams.
 */
function compact(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[\s\p{P}\p{S}ㅠㅜ~]+/gu, '');
}

/** The distinct syllable bigrams and trigrams of a text (Korean has no spaces to trust in a chat). */
export function syllableGrams(text: string): string[] {
  const key = compact(text);
  const out = new Set<string>();
  for (let n = 2; n <= 3; n++) for (let i = 0; i + n <= key.length; i++) out.add(key.slice(i, i + n));
  return [...out];
}

/** What the classifier reads: a text, or its syllableGrams() when the caller has them already. */
export type ClassifierInput = string | readonly string[];

const gramsOf = (input: ClassifierInput): readonly string[] => (typeof input === 'string' ? syllableGrams(input) : input);

/**
 * A multinomial naive Bayes classifier over syllable n-grams: what both the crisis detector and
 * the programme lookup learn from their labelled corpora. Small enough to train when first used
 * (tens of milliseconds for a few thousand messages), so each corpus is the one source of truth
 * and no model file is generated.
 */
export class NaiveBayes<L extends string> {
  readonly #counts = new Map<L, Map<string, number>>();
  readonly #docs = new Map<L, number>();
  readonly #total = new Map<L, number>();
  readonly #vocabulary = new Set<string>();
  #messages = 0;

  /** smoothing: additive, small, because most n-grams of a label never occur in its few messages. */
  constructor(readonly smoothing: number, examples: Iterable<{ text: string; label: L }> = []) {
    for (const e of examples) this.learn(e.text, e.label);
  }

  learn(text: string, label: L): void {
    const features = syllableGrams(text);
    this.#messages++;
    this.#docs.set(label, (this.#docs.get(label) ?? 0) + 1);
    let counts = this.#counts.get(label);
    if (!counts) this.#counts.set(label, (counts = new Map()));
    for (const f of features) {
      counts.set(f, (counts.get(f) ?? 0) + 1);
      this.#vocabulary.add(f);
    }
    this.#total.set(label, (this.#total.get(label) ?? 0) + features.length);
  }

  get labels(): IterableIterator<L> {
    return this.#counts.keys();
  }

  /**
   * The probability of each label (they sum to 1); n-grams never seen in training are ignored.
   * uniformPrior: labels count alike whatever their number of examples (a programme is no likelier
   * for having more example messages); otherwise the prior is the labels' share of the corpus.
   */
  probabilities(input: ClassifierInput, opts: { uniformPrior?: boolean } = {}): Map<L, number> {
    const features = gramsOf(input).filter((f) => this.#vocabulary.has(f));
    const logs = new Map<L, number>();
    for (const [label, counts] of this.#counts) {
      const denominator = this.#total.get(label)! + this.smoothing * this.#vocabulary.size;
      let lp = opts.uniformPrior ? 0 : Math.log(this.#docs.get(label)! / this.#messages);
      for (const f of features) lp += Math.log(((counts.get(f) ?? 0) + this.smoothing) / denominator);
      logs.set(label, lp);
    }
    let top = -Infinity;
    for (const v of logs.values()) if (v > top) top = v;
    let sum = 0;
    for (const v of logs.values()) sum += Math.exp(v - top);
    const out = new Map<L, number>();
    for (const [label, v] of logs) out.set(label, Math.exp(v - top) / sum);
    return out;
  }

  /**
   * How strongly the text's single best n-gram speaks for `label` against `against`: the largest
   * log-ratio of their smoothed likelihoods over the n-grams seen at least `minCount` times with
   * label (-Infinity when none). Naive Bayes adds up many weak, overlapping n-grams into a
   * confident answer; this tells a message that says something of the label from one that
   * merely shares its everyday words ("오늘", "했어요").
   */
  strongestEvidence(input: ClassifierInput, label: L, against: L, minCount = 2): number {
    const counts = this.#counts.get(label);
    const other = this.#counts.get(against);
    if (!counts || !other) return -Infinity;
    const den = this.#total.get(label)! + this.smoothing * this.#vocabulary.size;
    const otherDen = this.#total.get(against)! + this.smoothing * this.#vocabulary.size;
    let best = -Infinity;
    for (const f of gramsOf(input)) {
      const c = counts.get(f) ?? 0;
      if (c < minCount) continue;
      const ratio = Math.log((c + this.smoothing) / den) - Math.log(((other.get(f) ?? 0) + this.smoothing) / otherDen);
      if (ratio > best) best = ratio;
    }
    return best;
  }
}

/** The most probable label of a probabilities() answer, and its probability (fallback when empty). */
export function mostProbable<L extends string>(probabilities: ReadonlyMap<L, number>, fallback: L): { label: L; p: number } {
  let best: { label: L; p: number } = { label: fallback, p: 0 };
  for (const [label, p] of probabilities) if (p > best.p) best = { label, p };
  return best;
}
