/**
 * Downloads a file the service makes for the organization (the spreadsheet exports, GET /export/…): they need the
 * Authorization header, which a plain link cannot send, so the file is fetched with the key and saved through a blob
 * link under the name the service gives in content-disposition. A refusal comes back as the service's JSON error
 * (the GraphQL error shape), whose words are thrown as a DownloadError.
 */

export class DownloadError extends Error {
  constructor(
    message: string,
    /** The service's error code (UNAUTHENTICATED, BAD_USER_INPUT, …) when it gave one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** The file name of a content-disposition header (`filename*=` in UTF-8 first, then `filename=`); null without one. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name ? name : null;
}

/** Fetches `url` with the key and saves it; resolves to the file name saved under. */
export async function downloadWithKey(url: string, apiKey: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
  } catch (error) {
    throw new DownloadError(`The service did not answer (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!response.ok) throw await refusal(response);
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the object URL is only freed later, to be safe.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}

async function refusal(response: Response): Promise<DownloadError> {
  try {
    const body = (await response.json()) as { errors?: Array<{ message?: string; extensions?: { code?: string; field?: string } }> };
    const first = body.errors?.[0];
    if (first?.message) {
      const field = first.extensions?.field;
      const words = field && !first.message.includes(field) ? `${field}: ${first.message}` : first.message;
      return new DownloadError(words, first.extensions?.code);
    }
  } catch {
    // not JSON: say what the status was
  }
  return new DownloadError(`The service refused the download (HTTP ${response.status} ${response.statusText}).`);
}
