import { keepPreviousData, useQuery, type UseQueryOptions } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { describeError } from '../trpc.ts';
import type { ControlProps } from './form.tsx';
import { useDebounced } from './use-debounced.ts';

export interface PickerOption {
  id: string;
  label: ReactNode;
  detail?: ReactNode;
}

/**
 * Choosing one record by searching for it: a search box, the records that match as buttons,
 * and the chosen one with a way to change it. The caller owns the search and its query.
 */
export function RecordPicker({
  control,
  searchText,
  onSearchText,
  placeholder,
  options,
  searching,
  problem,
  selected,
  onSelect,
  minLength = 2,
}: {
  control: ControlProps;
  searchText: string;
  onSearchText: (text: string) => void;
  placeholder?: string;
  options: PickerOption[];
  searching: boolean;
  problem: string | null;
  selected: PickerOption | null;
  onSelect: (option: PickerOption | null) => void;
  minLength?: number;
}) {
  if (selected) {
    return (
      <div className="picker-selected">
        <span className="picker-choice">
          {selected.label}
          {selected.detail ? <span className="muted small"> · {selected.detail}</span> : null}
        </span>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onSelect(null)}
        >
          Change
        </button>
      </div>
    );
  }
  const query = searchText.trim();
  return (
    <div className="picker">
      <input
        {...control}
        type="search"
        value={searchText}
        onChange={(e) => onSearchText(e.target.value)}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
      />
      {query.length >= minLength ? (
        <div className="picker-results" aria-live="polite">
          {problem ? (
            <p className="field-error">{problem}</p>
          ) : options.length > 0 ? (
            <ul className="plain-list">
              {options.map((option) => (
                <li key={option.id}>
                  <button type="button" className="picker-option" onClick={() => onSelect(option)}>
                    <span>{option.label}</span>
                    {option.detail ? <span className="muted small">{option.detail}</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          ) : searching ? (
            <p className="muted small">Searching…</p>
          ) : (
            <p className="muted small">Nothing matches “{query}”.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** What a form gives a picker of some kind of record: the control's ids and the choice. */
export interface PickerProps {
  control: ControlProps;
  selected: PickerOption | null;
  onSelect: (option: PickerOption | null) => void;
}

/**
 * A RecordPicker that finds records through a list query. The query is asked once the typing
 * pauses and the text is long enough, and not while a record is chosen; its last results stay
 * in view while the next are on their way.
 *
 * @example
 * <ListPicker {...props} placeholder="Title or publisher"
 *   listQuery={(q) => trpc.sources.list.queryOptions({ q, limit: 8 })}
 *   toOption={(source) => ({ id: source.id, label: source.title })} />
 */
export function ListPicker<TList extends { items: readonly unknown[] }>({
  control,
  selected,
  onSelect,
  placeholder,
  listQuery,
  toOption,
}: PickerProps & {
  placeholder: string;
  /**
   * The list query for a search text (tRPC's `queryOptions`). Its error and key are tRPC's own
   * types, which this picker neither reads nor builds, hence `any`.
   */
  listQuery: (q: string) => UseQueryOptions<TList, any, TList, any>;
  toOption: (record: TList['items'][number]) => PickerOption;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useQuery({
    ...listQuery(q),
    enabled: q.length >= 2 && !selected,
    placeholderData: keepPreviousData,
  });
  return (
    <RecordPicker
      control={control}
      searchText={text}
      onSearchText={setText}
      placeholder={placeholder}
      options={found.data?.items.map(toOption) ?? []}
      searching={found.isFetching || q !== text.trim()}
      problem={found.isError ? describeError(found.error) : null}
      selected={selected}
      onSelect={onSelect}
    />
  );
}
