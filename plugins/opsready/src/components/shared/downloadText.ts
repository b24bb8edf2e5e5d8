/**
 * Saves text the app already holds as a file: the browser's download of an
 * object URL, through a link that is clicked and dropped at once.
 */
export function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers start reading the URL after the click returns: freeing it
  // at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
