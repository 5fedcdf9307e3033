import { parsePartialDate } from '@vigil/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { partialDateText } from '../labels.ts';
import { paths } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { useDebounced } from '../ui/use-debounced.ts';

/** Letters typed before the registry is asked: fewer match too many names. */
const MIN_NAME = 4;

/**
 * While a person is entered by hand, the persons already in the registry who may be them, by
 * the matcher of list imports (`matching.similar`): so that nobody is entered twice. Each opens
 * in a new tab, keeping what was typed here.
 */
export function SimilarPersons({
  name,
  birthDate,
  fatherName,
}: {
  name: string;
  birthDate: string;
  fatherName: string;
}) {
  const trpc = useTRPC();
  const typed = useDebounced({ name: name.trim(), birthDate: birthDate.trim(), fatherName }, 400);
  // A date still being typed ("1987-0") is left out rather than refused.
  const date = typed.birthDate && parsePartialDate(typed.birthDate).ok ? typed.birthDate : null;
  const similar = useQuery(
    trpc.matching.similar.queryOptions(
      { name: typed.name, birthDate: date, fatherName: typed.fatherName.trim() || null },
      { enabled: typed.name.length >= MIN_NAME, placeholderData: keepPreviousData },
    ),
  );
  const found = typed.name.length >= MIN_NAME ? (similar.data ?? []) : [];
  if (found.length === 0) return null;
  return (
    <div className="notice span-2" role="status" data-testid="similar-persons">
      <strong>Already in the registry?</strong>{' '}
      {found.some((p) => p.likely)
        ? 'One record very likely is this person: open it and add to it rather than entering them again.'
        : 'These records have a similar name; check them before entering a new person.'}
      <ul className="plain-list">
        {found.map((person) => (
          <li key={person.id}>
            <a
              href={paths.person(person.id)}
              target="_blank"
              rel="noopener noreferrer"
              className="name"
            >
              {person.name}
            </a>
            {person.birthDate ? (
              <span className="muted"> · born {partialDateText(person.birthDate)}</span>
            ) : null}
            <span className="muted small">
              {' '}
              ·{' '}
              {person.likely
                ? 'very likely the same'
                : `similarity ${Math.round(person.score * 100)} %`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
