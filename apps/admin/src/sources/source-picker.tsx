import { labelOf, SIDE_SHORT_LABELS } from '../labels.ts';
import { useTRPC } from '../trpc.ts';
import { ListPicker, type PickerProps } from '../ui/record-picker.tsx';

/** Finds a source by its title or publisher and chooses it. */
export function SourcePicker(props: PickerProps) {
  const trpc = useTRPC();
  return (
    <ListPicker
      {...props}
      placeholder="Title or publisher"
      listQuery={(q) => trpc.sources.list.queryOptions({ q, limit: 8 })}
      toOption={(source) => ({
        id: source.id,
        label: source.title,
        detail: [source.publisher, labelOf(SIDE_SHORT_LABELS, source.side)]
          .filter(Boolean)
          .join(' · '),
      })}
    />
  );
}
