import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { partialDateText } from '../labels.ts';
import { describeError, useTRPC } from '../trpc.ts';
import type { ControlProps } from '../ui/form.tsx';
import { RecordPicker, type PickerOption } from '../ui/record-picker.tsx';
import { useDebounced } from '../ui/use-debounced.ts';

/** Finds a person in the registry by a name in any script and chooses them. */
export function PersonPicker({
  control,
  selected,
  onSelect,
}: {
  control: ControlProps;
  selected: PickerOption | null;
  onSelect: (person: PickerOption | null) => void;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const persons = useQuery(
    trpc.persons.list.queryOptions(
      { q, limit: 8 },
      { enabled: q.length >= 2 && !selected, placeholderData: keepPreviousData },
    ),
  );
  const options: PickerOption[] =
    persons.data?.items.map((person) => ({
      id: person.id,
      label: <span lang={person.names[0]?.language ?? undefined}>{person.primaryName}</span>,
      detail: [
        person.names
          .slice(1, 3)
          .map((n) => n.value)
          .join(' · '),
        person.birthDate ? `born ${partialDateText(person.birthDate)}` : '',
      ]
        .filter(Boolean)
        .join(' — '),
    })) ?? [];
  return (
    <RecordPicker
      control={control}
      searchText={text}
      onSearchText={setText}
      placeholder="A name in any script"
      options={options}
      searching={persons.isFetching || q !== text.trim()}
      problem={persons.isError ? describeError(persons.error) : null}
      selected={selected}
      onSelect={onSelect}
    />
  );
}
