// Saving a file from the page: a temporary <a download> clicked on the user's behalf. Works for
// data: URLs (chart PNGs) and object URLs (exports) alike, with no popup and no server.

/** Downloads `url` as `fileName`. */
export function saveURL(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

// Revoking right after the click can cancel the download in some browsers; a minute is plenty.
const REVOKE_AFTER_MS = 60_000;

/** Downloads text (CSV, JSON) built in memory. */
export function saveText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  saveURL(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
