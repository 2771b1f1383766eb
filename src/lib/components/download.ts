/** Hands bytes or text to the browser as a file download named `fileName`. */
export function download(content: Uint8Array | string, fileName: string, type: string): void {
  const blob = new Blob([content as Uint8Array<ArrayBuffer> | string], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
