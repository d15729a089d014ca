import { TextInput } from '@mantine/core';
import { useState } from 'react';

/** The programme lookup panel (first cut: the searchbox the shell and e2e tests rely on). */
export function ProgrammeLookup() {
  const [q, setQ] = useState('');
  return (
    <section aria-label="복지 프로그램">
      <TextInput type="search" role="searchbox" aria-label="복지 프로그램 검색" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
    </section>
  );
}
