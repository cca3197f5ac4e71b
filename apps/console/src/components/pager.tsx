/**
 * Keyset paging as the API offers it: a page is fetched with the previous page's `nextCursor`; going back pops
 * the cursors seen; the last page is the first page in the opposite order (shown reversed), so no page costs more
 * than another, whatever the list's size.
 */
import { Button, Group } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n';

export type PageCursor = { cursor: string | undefined; fromEnd: boolean; index: number };

export function usePager(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | undefined)[]; fromEnd: boolean }>({
    key: resetKey,
    stack: [undefined],
    fromEnd: false,
  });
  const current = state.key === resetKey ? state : { key: resetKey, stack: [undefined], fromEnd: false };
  const page: PageCursor = {
    cursor: current.stack[current.stack.length - 1],
    fromEnd: current.fromEnd,
    index: current.stack.length - 1,
  };
  const next = useCallback((cursor: string) => setState({ ...current, stack: [...current.stack, cursor] }), [current]);
  const previous = useCallback(() => setState({ ...current, stack: current.stack.slice(0, -1) }), [current]);
  const first = useCallback(() => setState({ key: resetKey, stack: [undefined], fromEnd: false }), [resetKey]);
  const last = useCallback(() => setState({ key: resetKey, stack: [undefined], fromEnd: true }), [resetKey]);
  return { page, next, previous, first, last };
}

export function Pager(props: {
  pager: ReturnType<typeof usePager>;
  nextCursor: string | null | undefined;
  /** The list can be read from its end (the API takes an order): only then is there a "last page" button. */
  reversible?: boolean;
}) {
  const { t } = useI18n();
  const { pager, nextCursor } = props;
  const { fromEnd, index } = pager.page;
  return (
    <Group gap="xs" justify="flex-end">
      <Button variant="default" size="xs" onClick={pager.first} disabled={!fromEnd && index === 0}>
        {t.common.first}
      </Button>
      <Button variant="default" size="xs" onClick={pager.previous} disabled={fromEnd || index === 0}>
        {t.common.previous}
      </Button>
      <Button
        variant="default"
        size="xs"
        onClick={() => nextCursor && pager.next(nextCursor)}
        disabled={fromEnd || !nextCursor}
      >
        {t.common.next}
      </Button>
      {props.reversible && (
        <Button variant="default" size="xs" onClick={pager.last} disabled={fromEnd}>
          {t.common.last}
        </Button>
      )}
    </Group>
  );
}
