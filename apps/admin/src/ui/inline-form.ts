import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

/** A button the user pressed, with the elements around it, to find it again once redrawn. */
interface Opener {
  element: HTMLElement;
  /** Its ancestors inside the page, nearest first. */
  ancestors: HTMLElement[];
}

/** The control pressed in the click being handled, if any: what opens an inline form. */
let pressed: Opener | null = null;

const PRESSABLE = 'button, a[href], [role="button"]';

/** Ancestors of `element` up to the page (`main`), which every page shares, nearest first. */
function ancestorsOf(element: HTMLElement): HTMLElement[] {
  const ancestors: HTMLElement[] = [];
  for (let at = element.parentElement; at && !at.matches('main, body'); at = at.parentElement)
    ancestors.push(at);
  return ancestors;
}

// The button that opens a form usually disappears as the form appears ("New person" gives way
// to the form), so it is noted as it is pressed, before the page changes: a form opened by this
// click mounts while the click is handled, and the note is forgotten right after.
if (typeof document !== 'undefined') {
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target.closest(PRESSABLE) : null;
      if (!(target instanceof HTMLElement)) return;
      const opener = { element: target, ancestors: ancestorsOf(target) };
      pressed = opener;
      window.setTimeout(() => {
        if (pressed === opener) pressed = null;
      }, 0);
    },
    { capture: true },
  );
}

/**
 * The opener itself if it is still on the page; otherwise the control drawn in its place: in
 * its nearest ancestor still on the page, the one of the same kind with the same words.
 */
function findAgain({ element, ancestors }: Opener): HTMLElement | null {
  if (element.isConnected) return element;
  const around = ancestors.find((ancestor) => ancestor.isConnected);
  if (!around) return null;
  const label = element.getAttribute('aria-label');
  return (
    Array.from(around.querySelectorAll<HTMLElement>(element.tagName)).find(
      (candidate) =>
        candidate.textContent === element.textContent &&
        candidate.getAttribute('aria-label') === label,
    ) ?? null
  );
}

const FIELD =
  'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/** Where focus goes in a form that opens: its first field, else its heading, else the form. */
function focusFirstField(area: HTMLElement) {
  let field = area.querySelector<HTMLElement>(FIELD);
  // In a group of radio buttons, the chosen one is the one the keyboard reaches.
  if (field instanceof HTMLInputElement && field.type === 'radio' && !field.checked)
    field =
      area.querySelector<HTMLElement>(`input[type="radio"][name="${field.name}"]:checked`) ?? field;
  const target = field ?? area.querySelector<HTMLElement>('h2, h3') ?? area;
  if (target !== field && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus();
}

/**
 * For a form that opens in the page when a button is pressed ("New person", "Add a claim",
 * "Delete…"): focus moves to its first field as it opens; Escape closes it, as its Cancel
 * button does; and once it is closed, focus goes back to the button that opened it (drawn
 * anew, if it had given way to the form) instead of being lost on the page. Spread what it
 * returns on the form, or on the element holding it.
 *
 * @example
 * const inline = useInlineForm<HTMLFormElement>(onClose);
 * return <form {...inline} onSubmit={submit}>…</form>;
 */
export function useInlineForm<E extends HTMLElement>(
  onClose: () => void,
): { ref: RefObject<E | null>; onKeyDown: (event: KeyboardEvent) => void } {
  const ref = useRef<E>(null);
  useEffect(() => {
    const opener = pressed;
    if (ref.current) focusFirstField(ref.current);
    return () => {
      // Focus was in the form, which is gone: it would be lost on the page. Focus elsewhere
      // (the user clicked a link, say) is left where it is.
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (opener && lost) findAgain(opener)?.focus();
    };
  }, []);
  return {
    ref,
    onKeyDown: (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onClose();
    },
  };
}
