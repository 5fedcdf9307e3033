import type { ReactNode } from 'react';
import type { ControlProps } from './form.tsx';

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
