import { partialDateText } from '../labels.ts';
import { useTRPC } from '../trpc.ts';
import { ListPicker, type PickerProps } from '../ui/record-picker.tsx';

/** Finds a person in the registry by a name in any script and chooses them. */
export function PersonPicker(props: PickerProps) {
  const trpc = useTRPC();
  return (
    <ListPicker
      {...props}
      placeholder="A name in any script"
      listQuery={(q) => trpc.persons.list.queryOptions({ q, limit: 8 })}
      toOption={(person) => ({
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
      })}
    />
  );
}
