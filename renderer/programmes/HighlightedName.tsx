import { Fragment } from 'react';
import { highlightPieces } from './programme-text.js';

/** A programme name with the part that matched the query in <mark>. */
export function HighlightedName({ name, spans }: { name: string; spans: ReadonlyArray<readonly [number, number]> }) {
  return (
    <>
      {highlightPieces(name, spans).map((piece, i) =>
        piece.match ? (
          <mark key={i} style={{ backgroundColor: 'var(--mantine-color-yellow-2)', color: 'inherit', padding: 0 }}>{piece.text}</mark>
        ) : (
          <Fragment key={i}>{piece.text}</Fragment>
        ),
      )}
    </>
  );
}
