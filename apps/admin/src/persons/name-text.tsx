/** One spelling of a name, marked with its language so screen readers and fonts get it right. */
export function NameText({ name }: { name: { value: string; language: string | null } }) {
  return (
    <span className="name" lang={name.language ?? undefined}>
      {name.value}
    </span>
  );
}
