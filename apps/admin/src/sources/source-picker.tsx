import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { labelOf, SIDE_SHORT_LABELS } from '../labels.ts';
import { describeError, useTRPC } from '../trpc.ts';
import type { ControlProps } from '../ui/form.tsx';
import { RecordPicker, type PickerOption } from '../ui/record-picker.tsx';
import { useDebounced } from '../ui/use-debounced.ts';

/** Finds a source by its title or publisher and chooses it. */
export function SourcePicker({
  control,
  selected,
  onSelect,
}: {
  control: ControlProps;
  selected: PickerOption | null;
  onSelect: (source: PickerOption | null) => void;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const sources = useQuery(
    trpc.sources.list.queryOptions(
      { q, limit: 8 },
      { enabled: q.length >= 2 && !selected, placeholderData: keepPreviousData },
    ),
  );
  const options: PickerOption[] =
    sources.data?.items.map((source) => ({
      id: source.id,
      label: source.title,
      detail: [source.publisher, labelOf(SIDE_SHORT_LABELS, source.side)]
        .filter(Boolean)
        .join(' · '),
    })) ?? [];
  return (
    <RecordPicker
      control={control}
      searchText={text}
      onSearchText={setText}
      placeholder="Title or publisher"
      options={options}
      searching={sources.isFetching || q !== text.trim()}
      problem={sources.isError ? describeError(sources.error) : null}
      selected={selected}
      onSelect={onSelect}
    />
  );
}
