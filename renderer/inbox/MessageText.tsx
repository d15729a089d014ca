import { Anchor } from '@mantine/core';
import { splitLinks } from './links.js';
import { useConfirmLink } from './LinkConfirm.js';

/** A message body as text nodes; web addresses become buttons that ask before opening. */
export function MessageText({ body }: { body: string }) {
  const confirm = useConfirmLink();
  return (
    <span className="message-text">
      {splitLinks(body).map((p, i) =>
        p.kind === 'text' ? (
          p.text
        ) : (
          <Anchor key={i} component="button" type="button" className="message-link" onClick={() => confirm(p.href)}>
            {p.text}
          </Anchor>
        ),
      )}
    </span>
  );
}
