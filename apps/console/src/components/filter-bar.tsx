/**
 * The filters above a list (search text, state, person, dates): one row that wraps on narrow windows, fields aligned
 * on their inputs, announced as a search region named after the list it filters.
 */
import { Group } from '@mantine/core';
import type { ReactNode } from 'react';

export function FilterBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group role="search" aria-label={label} align="flex-end" wrap="wrap" gap="sm">
      {children}
    </Group>
  );
}
