/**
 * Has the browser download `text` as a file. Nothing is kept in the page or its storage once
 * the download has started.
 *
 * @example
 * downloadText('case-file.txt', text, 'text/plain;charset=utf-8');
 */
export function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}
