/**
 * Saves text the extension made (an export) as a file: a download link to a blob URL created here from that text,
 * never a URL a site gave. The one link any component makes (tests/components/hostile.test.tsx checks it stays so).
 */
export function saveTextFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked on the next task: Firefox starts the download after the click's task, and a revoked URL has no file.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
